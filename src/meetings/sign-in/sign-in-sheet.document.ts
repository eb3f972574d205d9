import { Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import type { Content, TableCell } from 'pdfmake/interfaces';
import { endsOnAnotherDay, formatLongDate, formatTime } from '../../common/web/format';
import { PdfDocuments } from '../../common/web/pdf/pdf-documents';
import { ViewService } from '../../common/web/view.service';
import { AppConfig } from '../../config/app-config';
import { calendarDayInZone } from '../../common/calendar-days';
import { pdfFileName } from '../../common/web/pdf/pdf-response';
import { SignInSheetService, type SignInSheet } from './sign-in-sheet.service';

/** Blank lines for people nobody invited, unless `?blank=` says otherwise. */
export const DEFAULT_BLANK_LINES = 8;
export const MAX_BLANK_LINES = 50;

/**
 * A line's height in points: 36 pt is 1.27 cm, room for a signature. Every page then holds about
 * eighteen lines under the repeated header rows.
 */
const LINE_HEIGHT = 32;
const HEADER_ROWS = 2;

/** The sign-in sheet ("feuille d'émargement") of a meeting as a PDF. */
@Injectable()
export class SignInSheetDocument {
  constructor(
    private readonly sheets: SignInSheetService,
    private readonly pdf: PdfDocuments,
    private readonly views: ViewService,
    private readonly config: AppConfig,
  ) {}

  /** The meeting's sheet as a PDF stream and the file name to send it under (the API and the page). */
  async ofMeeting(
    meetingId: number,
    blankLines: number,
  ): Promise<{ pdf: Readable; fileName: string }> {
    const sheet = await this.sheets.sheet(meetingId);
    const pdf = await this.render(sheet, blankLines);
    const date = calendarDayInZone(sheet.meeting.startsAt, this.config.timeZone);
    return {
      pdf,
      // Dated: each occurrence of a series has its sheet, under a name of its own.
      fileName: pdfFileName(sheet.meeting.title, (title) =>
        this.views.text('signIn.pdf.fileName', { title, date }),
      ),
    };
  }

  /** The title of the document, also its file name. */
  title(sheet: SignInSheet): string {
    return this.views.text('signIn.pdf.title', { title: sheet.meeting.title });
  }

  render(sheet: SignInSheet, blankLines: number): Promise<Readable> {
    const { meeting } = sheet;
    const t = (key: string, params: Record<string, string | number> = {}) =>
      this.views.text(key, params);
    const { locale, timeZone } = this.config;
    const date = formatLongDate(meeting.startsAt, locale, timeZone);
    const time = t('signIn.pdf.time', {
      start: formatTime(meeting.startsAt, locale, timeZone),
      otherDay: endsOnAnotherDay(meeting.startsAt, meeting.endsAt, timeZone) ? 'yes' : 'no',
      endDate: formatLongDate(meeting.endsAt, locale, timeZone),
      end: formatTime(meeting.endsAt, locale, timeZone),
    });
    const place = [meeting.venueName, meeting.venueAddress].filter(Boolean).join(', ');
    const details: Content[] = [
      { text: t('meetings.kind.' + meeting.kind), style: 'subheading', margin: [0, 0, 0, 2] },
      `${date}, ${time}`,
      place ||
        (meeting.onlineUrl
          ? t('signIn.pdf.online')
          : { text: t('signIn.pdf.noPlace'), style: 'muted' }),
    ];
    const header = (text: string): TableCell => ({ text, style: 'tableHeader' });
    const legend: TableCell[] = [
      {
        text: t('signIn.pdf.legend', { title: meeting.title, date }),
        colSpan: 5,
        style: 'small',
        color: '#444444',
      },
      {},
      {},
      {},
      {},
    ];
    const body: TableCell[][] = [
      legend,
      [
        header(t('signIn.pdf.number')),
        header(t('signIn.pdf.name')),
        header(t('signIn.pdf.organisation')),
        header(t('signIn.pdf.role')),
        header(t('signIn.pdf.signature')),
      ],
      ...sheet.lines.map((line) => [
        { text: String(line.number), style: 'muted' },
        line.fullName,
        line.partnerName,
        line.jobTitle ?? '',
        '',
      ]),
      ...Array.from({ length: blankLines }, (_, i) => [
        { text: String(sheet.lines.length + i + 1), style: 'muted' },
        '',
        '',
        '',
        '',
      ]),
    ];
    return this.pdf.create({
      title: this.title(sheet),
      subject: t('signIn.pdf.subject'),
      content: [
        { text: this.title(sheet), style: 'title' },
        { stack: details, style: 'subtitle' },
        {
          table: {
            headerRows: HEADER_ROWS,
            dontBreakRows: true,
            // Fixed widths for the role and the signature; long words break (printableText).
            widths: [22, '*', '*', 100, 115],
            heights: (row: number) => (row < HEADER_ROWS ? 'auto' : LINE_HEIGHT),
            body,
          },
          layout: { hLineColor: () => '#888888', vLineColor: () => '#888888' },
        },
        sheet.lines.length === 0
          ? { text: t('signIn.pdf.nobodyInvited'), style: 'muted', margin: [0, 8, 0, 0] }
          : '',
      ],
    });
  }
}
