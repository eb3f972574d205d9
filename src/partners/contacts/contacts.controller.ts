import { Body, Controller, Delete, Get, HttpCode, Param, Patch } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { actorOf } from '../../audit/audit.service';
import { CurrentUser } from '../../auth/auth.decorators';
import type { User } from '../../auth/users/user.entity';
import { IdPipe } from '../../common/id.pipe';
import { ContactResponse, toContactResponse } from '../partner.mapper';
import { CONSENT_TOPICS, type ConsentTopic } from './consent-event.entity';
import { ConsentQueries } from './consent.queries';
import { ContactsService } from './contacts.service';
import { UpdateContactDto } from './update-contact.dto';

export class ConsentEventResponse {
  @ApiProperty({ enum: CONSENT_TOPICS }) topic: ConsentTopic;
  @ApiProperty({ description: 'true: opt-in, false: opt-out' }) granted: boolean;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ example: 'lien de désinscription' }) source: string;
  @ApiProperty({ description: 'Who recorded it' }) recordedBy: string;
}

@ApiTags('partners')
@Controller('api/contacts')
export class ContactsController {
  constructor(
    private readonly contacts: ContactsService,
    private readonly consents: ConsentQueries,
  ) {}

  @Get(':id')
  @ApiOkResponse({ type: ContactResponse })
  async get(@Param('id', IdPipe) id: number): Promise<ContactResponse> {
    return toContactResponse(await this.contacts.getContact(id));
  }

  /** Every opt-in and opt-out of the contact, newest first (RGPD article 7). */
  @Get(':id/consents')
  @ApiOkResponse({ type: [ConsentEventResponse] })
  async consentHistory(@Param('id', IdPipe) id: number): Promise<ConsentEventResponse[]> {
    await this.contacts.getContact(id);
    const events = await this.consents.historyOf(id);
    return events.map(({ topic, granted, at, source, recordedBy }) => ({
      topic,
      granted,
      at: at.toISOString(),
      source,
      recordedBy,
    }));
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
