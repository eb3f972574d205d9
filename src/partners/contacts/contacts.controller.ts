import { Body, Controller, Delete, Get, HttpCode, Param, Patch } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { actorOf } from '../../audit/audit.service';
import { CurrentUser } from '../../auth/auth.decorators';
import type { User } from '../../auth/users/user.entity';
import { IdPipe } from '../../common/id.pipe';
import { ContactResponse, toContactResponse } from '../partner.mapper';
import { ContactsService } from './contacts.service';
import { UpdateContactDto } from './update-contact.dto';

@ApiTags('partners')
@Controller('api/contacts')
export class ContactsController {
  constructor(private readonly contacts: ContactsService) {}

  @Get(':id')
  @ApiOkResponse({ type: ContactResponse })
  async get(@Param('id', IdPipe) id: number): Promise<ContactResponse> {
    return toContactResponse(await this.contacts.getContact(id));
  }

  @Patch(':id')
  @ApiOkResponse({ type: ContactResponse })
  async update(
    @Param('id', IdPipe) id: number,
    @Body() dto: UpdateContactDto,
    @CurrentUser() user: User,
  ): Promise<ContactResponse> {
    return toContactResponse(await this.contacts.updateContact(actorOf(user), id, dto));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  async remove(@Param('id', IdPipe) id: number, @CurrentUser() user: User): Promise<void> {
    await this.contacts.removeContact(actorOf(user), id);
  }
}
