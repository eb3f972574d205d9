import { Global, Module } from '@nestjs/common';
import { PdfDocuments } from './pdf/pdf-documents';
import { ViewService } from './view.service';

@Global()
@Module({
  providers: [ViewService, PdfDocuments],
  exports: [ViewService, PdfDocuments],
})
export class WebModule {}
