import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser } from '../../auth/auth.decorators';
import type { User } from '../../auth/users/user.entity';
import { type Form as FormBody, formText, formValues } from '../../common/web/forms';
import { PartnersImportService } from '../import/partners-import.service';
import { PartnerPageViews } from './partner-page-views';
import { importPreviewModel } from './partners-import.view-model';
import { seeOther } from '../../common/http-answers';

/** A request whose multipart body was read by the import middleware (see PartnersPagesModule). */
type UploadRequest = Request & { file?: { buffer: Buffer } };

/**
 * The CSV import with its preview (routed before /partners/:id, so that "import" is not taken for
 * an id). The rules are PartnersImportService's.
 */
@ApiExcludeController()
@Controller('partners')
export class PartnersImportPagesController {
  constructor(
    private readonly imports: PartnersImportService,
    private readonly pages: PartnerPageViews,
  ) {}

  @Get('import')
  importForm(@Req() request: Request, @Res() response: Response): void {
    this.pages.send(request, response, 'pages/partners/import', {
      title: this.pages.t('partnersPages.import.title'),
    });
  }

  /**
   * Step 1 (`step=preview`): the file (or pasted text) is read in a dry run and the report shown,
   * with the file kept in a hidden field (base64, so its bytes and encoding survive). Step 2
   * (`step=apply`): the same bytes are imported for good, all rows or none.
   */
  @Post('import')
  async importFile(
    @Body() body: FormBody,
    @CurrentUser() user: User,
    @Req() request: UploadRequest,
    @Res() response: Response,
  ): Promise<void> {
    const apply = formText(body, 'step') === 'apply';
    const buffer = this.uploadedCsv(request, body, apply);
    if (!buffer || buffer.length === 0) {
      return this.pages.send(
        request,
        response,
        'pages/partners/import',
        {
          title: this.pages.t('partnersPages.import.title'),
          // A file chosen but empty is not "no file": say which one.
          errors: [
            request.file?.originalname
              ? this.pages.t('partnersPages.import.emptyFile', { name: request.file.originalname })
              : this.pages.t('partnersPages.import.noFile'),
          ],
          pasted: pastedCsv(body),
        },
        422,
      );
    }
    const report = await this.imports.import(buffer, {
      apply,
      actor: { user, via: 'import de fichier' },
    });
    if (report.applied) {
      const { partners } = report.summary;
      seeOther(
        response,
        `/partners/import/done?created=${partners.create}&updated=${partners.update}`,
      );
      return;
    }
    this.pages.send(
      request,
      response,
      'pages/partners/import-preview',
      importPreviewModel(this.pages, report, buffer, apply),
      apply || report.errors.length ? 422 : 200,
    );
  }

  @Get('import/done')
  importDone(
    @Query('created') created: string,
    @Query('updated') updated: string,
    @Req() request: Request,
    @Res() response: Response,
  ): void {
    this.pages.send(request, response, 'pages/partners/import-done', {
      title: this.pages.t('partnersPages.import.doneTitle'),
      created: Number(created) || 0,
      updated: Number(updated) || 0,
    });
  }

  // ---- helpers ----------------------------------------------------------------------------------

  /** The CSV of an import step: the uploaded file or pasted text, or the preview's hidden copy. */
  private uploadedCsv(request: UploadRequest, body: FormBody, apply: boolean): Buffer | null {
    if (apply) {
      const content = formText(body, 'content');
      return content ? Buffer.from(content, 'base64') : null;
    }
    if (request.file?.buffer?.length) return request.file.buffer;
    const pasted = pastedCsv(body);
    return pasted.trim() ? Buffer.from(pasted, 'utf8') : null;
  }
}

/**
 * The pasted CSV, untrimmed (not formText): its bytes are the file's, and a first cell or a last
 * line may begin or end with spaces that the import must see as typed.
 */
function pastedCsv(body: FormBody): string {
  return formValues(body, 'pasted')[0] ?? '';
}
