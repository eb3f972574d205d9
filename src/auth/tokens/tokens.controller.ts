import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { IdPipe } from '../../common/id.pipe';
import { CurrentUser } from '../auth.decorators';
import { CreateTokenDto } from './create-token.dto';
import { CreatedTokenResponse, TokenResponse, toTokenResponse } from '../auth-responses.dto';
import { TokensService } from './tokens.service';
import type { User } from '../users/user.entity';

/** The caller's own personal API tokens. */
@ApiTags('tokens')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/tokens')
export class TokensController {
  constructor(private readonly tokens: TokensService) {}

  @Get()
  @ApiOkResponse({ type: [TokenResponse] })
  async list(@CurrentUser() user: User): Promise<TokenResponse[]> {
    return (await this.tokens.listOwn(user)).map(toTokenResponse);
  }

  @Post()
  @ApiCreatedResponse({ type: CreatedTokenResponse, description: 'The token is shown this once' })
  async create(
    @CurrentUser() user: User,
    @Body() body: CreateTokenDto,
  ): Promise<CreatedTokenResponse> {
    const { token, secret } = await this.tokens.create(user, body.name);
    return { ...toTokenResponse(token), token: secret };
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Revoked: it stops working at once' })
  async revoke(@CurrentUser() user: User, @Param('id', IdPipe) id: number): Promise<void> {
    await this.tokens.revoke(user, id);
  }
}
