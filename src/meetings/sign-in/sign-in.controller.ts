import { Controller, Delete, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser } from '../../auth/auth.decorators';
import type { User } from '../../auth/users/user.entity';
import { MEDIA_TYPES } from '../../common/file-signature';
import { IdPipe } from '../../common/id.pipe';
import { ApiFileResponse } from '../../common/web/pdf/api-pdf.decorator';
import { sendPdf } from '../../common/web/pdf/pdf-response';
import { SignInScansService, type UploadedScan } from './sign-in-scans.service';
import { SignInSheetDocument } from './sign-in-sheet.document';
import { scanResponse, SignInScanResponse, SignInSheetQueryDto } from './sign-in.dto';
import { sendScan } from './send-scan';

/** The sign-in sheet of a meeting and its scanned signed copies. */
@ApiTags('meetings')
@Controller('api/meetings')
export class SignInController {
  constructor(
    private readonly document: SignInSheetDocument,
    private readonly scans: SignInScansService,
  ) {}

  @Get(':id/sign-in-sheet.pdf')
  @ApiOperation({
    summary: 'The sign-in sheet (feuille d’émargement): the invited contacts, then blank lines',
  })
  @ApiFileResponse('The sign-in sheet as a PDF')
  @ApiUnprocessableEntityResponse({ description: 'The meeting is cancelled' })
  async sheet(
    @Param('id', IdPipe) id: number,
    @Query() query: SignInSheetQueryDto,
    @Res() response: Response,
  ): Promise<void> {
    const { pdf, fileName } = await this.document.ofMeeting(id, query.blank);
    await sendPdf(response, pdf, fileName);
  }

  @Get(':id/sign-in-scans')
  @ApiOkResponse({ type: [SignInScanResponse] })
  async list(@Param('id', IdPipe) id: number): Promise<SignInScanResponse[]> {
    const scans = await this.scans.list(id);
    return scans.map((scan) => scanResponse(scan, MEDIA_TYPES[scan.kind]));
  }

  @Post(':id/sign-in-scans')
  @ApiOperation({ summary: 'Add a scanned signed sheet (PDF, JPEG or PNG, checked by its bytes)' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    },
  })
  @ApiCreatedResponse({ type: SignInScanResponse })
  @ApiPayloadTooLargeResponse({ description: 'Over SIGN_IN_SCAN_MAX_MB' })
  @ApiUnprocessableEntityResponse({
    description: 'No file, not a PDF, JPEG or PNG, a cancelled meeting or one not started',
  })
  async upload(
    @Param('id', IdPipe) id: number,
    @Req() request: Request & { file?: UploadedScan },
    @CurrentUser() user: User,
  ): Promise<SignInScanResponse> {
    const scan = await this.scans.upload(id, request.file, user);
    return scanResponse(scan, MEDIA_TYPES[scan.kind]);
  }

  @Get(':id/sign-in-scans/:scanId')
  @ApiProduces(...Object.values(MEDIA_TYPES))
  @ApiOkResponse({
    description: 'The scanned file, with the type its bytes were recognised as (attachment)',
    content: Object.fromEntries(
      Object.values(MEDIA_TYPES).map((type) => [
        type,
        { schema: { type: 'string', format: 'binary' } },
      ]),
    ),
  })
  async download(
    @Param('id', IdPipe) id: number,
    @Param('scanId', IdPipe) scanId: number,
    @Res() response: Response,
  ): Promise<void> {
    sendScan(response, await this.scans.download(id, scanId));
  }

  @Delete(':id/sign-in-scans/:scanId')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted (audited)' })
  async remove(
    @Param('id', IdPipe) id: number,
    @Param('scanId', IdPipe) scanId: number,
    @CurrentUser() user: User,
  ): Promise<void> {
    await this.scans.remove(id, scanId, user);
  }
}
