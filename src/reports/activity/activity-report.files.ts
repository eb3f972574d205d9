import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { formatShortDate } from '../../common/web/format';
import { PdfDocuments } from '../../common/web/pdf/pdf-documents';
import { pdfFileName, sendPdf } from '../../common/web/pdf/pdf-response';
import { ViewService } from '../../common/web/view.service';
import { AppConfig } from '../../config/app-config';
import { streamSpreadsheetCsv } from '../../common/csv';
import type { ActivityReport } from './activity-report';
import { activityReportRows } from './activity-report.csv';
import type { ReportFormats } from './activity-report.columns';
import { activityReportPdf } from './activity-report.pdf';
import { offerFile } from '../../common/http-answers';

/** The report's PDF and CSV answers, shared by the API and the staff page's links. */
@Injectable()
export class ActivityReportFiles {
  constructor(
    private readonly pdfs: PdfDocuments,
    private readonly views: ViewService,
    private readonly config: AppConfig,
  ) {}

  /** How the documents write words, dates and rates: in LOCALE and TIME_ZONE. */
  formats(): ReportFormats {
    const { locale, timeZone } = this.config;
    return {
      t: (key, params) => this.views.text(key, params),
      locale,
      date: (iso) => formatShortDate(new Date(iso), locale, timeZone),
    };
  }

  async sendPdf(response: Response, report: ActivityReport): Promise<void> {
    const spec = activityReportPdf(report, this.formats());
    const { from, to } = report.period;
    const name = pdfFileName(spec.title, (title) => `${title} ${from} ${to}`);
    await sendPdf(response, await this.pdfs.create(spec), name);
  }

  /** UTF-8 with BOM, ";" separated, CRLF: the partners export's format (Excel in French). */
  async sendCsv(response: Response, report: ActivityReport): Promise<void> {
    const rows = activityReportRows(report, this.formats());
    const base = this.views.text('reports.csv.fileName');
    response.status(200);
    response.type('text/csv; charset=utf-8');
    offerFile(response, `${base}-${report.period.from}-${report.period.to}.csv`);
    response.setHeader('Cache-Control', 'private, no-store');
    await streamSpreadsheetCsv(response, rows);
  }
}
