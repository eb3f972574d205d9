import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { actorOf } from '../audit/audit.service';
import { CurrentUser } from '../auth/auth.decorators';
import type { User } from '../auth/users/user.entity';
import { IdPipe } from '../common/id.pipe';
import { PersonalDataResponse, toPersonalDataResponse } from './personal-data.dto';
import { PersonalDataService } from './personal-data.service';

/** A contact's rights over their data (RGPD articles 15 and 17), for staff. */
@ApiTags('partners')
@Controller('api/contacts')
export class PersonalDataController {
  constructor(private readonly personalData: PersonalDataService) {}

  @Get(':id/personal-data')
  @ApiOperation({
    summary:
      'Everything held about a contact (RGPD article 15): identity, consents, meetings, ' +
      'follow-ups, mails, links (dates only), audit entries. The export is audited.',
  })
  @ApiOkResponse({ type: PersonalDataResponse })
  async export(
    @Param('id', IdPipe) id: number,
    @CurrentUser() user: User,
  ): Promise<PersonalDataResponse> {
    return toPersonalDataResponse(await this.personalData.exportOf(actorOf(user), id));
  }

  @Post(':id/erase')
  @HttpCode(204)
  @ApiOperation({
    summary:
      'Erases a contact (RGPD article 17): anonymised as "Contact supprimé", queued mails ' +
      'cancelled, links revoked, name replaced in documents and the audit. 409 when already ' +
      'erased; 422 while recorded present at a meeting held less than ATTENDANCE_PROOF_YEARS ago.',
  })
  @ApiNoContentResponse()
  async erase(@Param('id', IdPipe) id: number, @CurrentUser() user: User): Promise<void> {
    await this.personalData.erase(actorOf(user), id);
  }
}
