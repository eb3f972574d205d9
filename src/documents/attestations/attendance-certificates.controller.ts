import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { IdPipe } from '../../common/id.pipe';
import { ApiFileResponse } from '../../common/web/pdf/api-pdf.decorator';
import { sendPdf } from '../../common/web/pdf/pdf-response';
import { AttendanceCertificates } from './attendance-certificates';

/** Attendance certificates of a held meeting, for staff (linked from the minutes page). */
@ApiTags('minutes')
@Controller('api/meetings/:id')
export class AttendanceCertificatesController {
  constructor(private readonly certificates: AttendanceCertificates) {}

  @Get('attestations.pdf')
  @ApiOperation({
    summary:
      'Every attendance certificate of a held meeting, one per page, by organisation then name ' +
      '(422 before the meeting is held or when nobody was recorded present)',
  })
  @ApiFileResponse('The certificates of attendance, in PDF')
  async all(@Param('id', IdPipe) id: number, @Res() response: Response): Promise<void> {
    const file = await this.certificates.forMeeting(id);
    await sendPdf(response, file.stream, file.fileName);
  }

  @Get('attestations/:contactId.pdf')
  @ApiOperation({
    summary:
      'The attendance certificate of a contact recorded present at a held meeting ' +
      '(422 when the contact was not recorded present)',
  })
  @ApiFileResponse('The certificate of attendance, in PDF')
  async one(
    @Param('id', IdPipe) id: number,
    @Param('contactId', IdPipe) contactId: number,
    @Res() response: Response,
  ): Promise<void> {
    const file = await this.certificates.forContact(id, contactId);
    await sendPdf(response, file.stream, file.fileName);
  }
}
