import { Global, Module } from '@nestjs/common';
import { OwnAgency } from './pdf/own-agency';
import { PdfDocuments } from './pdf/pdf-documents';
import { ViewService } from './view.service';

@Global()
@Module({
  providers: [ViewService, PdfDocuments, OwnAgency],
  exports: [ViewService, PdfDocuments, OwnAgency],
})
export class WebModule {}
