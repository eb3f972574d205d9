import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import multer from 'multer';
import { RequestRefusedException } from '../../common/error-body';
import { uploadRefusal, markUploadRoute } from '../../common/web/upload-refusals';
import { IMPORT_MAX_BYTES } from '../import/partners-import.report';
import { PartnersModule } from '../partners.module';
import { PartnerActivityPagesController } from './partner-activity.pages.controller';
import { PartnerContactsPagesController } from './partner-contacts.pages.controller';
import { PartnerPageViews } from './partner-page-views';
import { PartnersImportPagesController } from './partners-import.pages.controller';
import { PartnersListPagesController } from './partners-list.pages.controller';
import { PartnersPagesController } from './partners.pages.controller';
import { RetentionPagesController } from './retention.pages.controller';

/**
 * The partner directory's staff pages. A partner's page also shows its meetings and projects:
 * those features depend on PartnersModule (not the other way round) and fill their sections
 * through PartnerPageSections.
 */
@Module({
  imports: [PartnersModule],
  // Order matters: /partners/import is routed before /partners/:id.
  controllers: [
    PartnersListPagesController,
    PartnersImportPagesController,
    PartnersPagesController,
    PartnerContactsPagesController,
    PartnerActivityPagesController,
    RetentionPagesController,
  ],
  providers: [PartnerPageViews],
})
export class PartnersPagesModule implements NestModule {
  /**
   * The import (the form and `POST /api/partners/import`) is multipart (a file). Read as
   * middleware, before the global guard, so that the form's `_csrf` field is checked like any
   * form's, and a refused upload names `file` on both. The preview posts the file back in a hidden
   * field (base64): fields may be as large as the file, plus a third.
   */
  configure(consumer: MiddlewareConsumer): void {
    const upload = multer({
      storage: multer.memoryStorage(),
      limits: {
        fileSize: IMPORT_MAX_BYTES,
        files: 1,
        fieldSize: Math.ceil((IMPORT_MAX_BYTES * 4) / 3) + 4,
        fields: 10,
      },
    }).single('file');
    consumer
      .apply((request: Request, response: Response, next: NextFunction) => {
        markUploadRoute(request);
        upload(request, response, (error: unknown) => {
          if (!error) return next();
          // A field over its limit is the file pasted as text (the form's other way to send it).
          const pastedTooLong =
            error instanceof multer.MulterError && error.code === 'LIMIT_FIELD_VALUE';
          const tooLarge = () =>
            new RequestRefusedException(413, 'errors.input.csvTooLarge', 'file');
          next(pastedTooLong ? tooLarge() : uploadRefusal(error, 'file', tooLarge));
        });
      })
      .forRoutes(
        { path: 'partners/import', method: RequestMethod.POST },
        { path: 'api/partners/import', method: RequestMethod.POST },
      );
  }
}
