import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { actorOf } from '../../audit/audit.service';
import { IdPipe } from '../../common/id.pipe';
import { CurrentUser, Roles } from '../auth.decorators';
import { CreateUserDto } from './create-user.dto';
import { toUserResponse, UserResponse } from '../auth-responses.dto';
import { UpdateUserDto } from './update-user.dto';
import type { User } from './user.entity';
import { UsersService } from './users.service';

/** Staff accounts, managed by administrators. */
@ApiTags('users')
@ApiBearerAuth()
@ApiCookieAuth()
@ApiForbiddenResponse({ description: 'Only administrators manage accounts' })
@Roles('admin')
@Controller('api/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOkResponse({ type: [UserResponse] })
  async list(): Promise<UserResponse[]> {
    return (await this.users.list()).map(toUserResponse);
  }

  @Post()
  @ApiCreatedResponse({ type: UserResponse })
  async create(@CurrentUser() actor: User, @Body() body: CreateUserDto): Promise<UserResponse> {
    return toUserResponse(await this.users.create(body, actorOf(actor)));
  }

  @Patch(':id')
  @ApiOkResponse({ type: UserResponse })
  @ApiUnprocessableEntityResponse({ description: 'The last active administrator must remain' })
  async update(
    @CurrentUser() actor: User,
    @Param('id', IdPipe) id: number,
    @Body() body: UpdateUserDto,
  ): Promise<UserResponse> {
    return toUserResponse(await this.users.update(id, body, actorOf(actor)));
  }
}
