import { Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import type { Content } from 'pdfmake/interfaces';
import { calendarDayInZone } from '../../common/calendar-days';
import { NotFoundError } from '../../common/domain-errors';
import {
  endsOnAnotherDay,
  formatCalendarDate,
  formatDateTime,
  formatLongDate,
  formatTime,
} from '../../common/web/format';
import { pdfFileName } from '../../common/web/pdf/pdf-response';
import { PdfDocuments, PdfSpec } from '../../common/web/pdf/pdf-documents';
import { ViewService } from '../../common/web/view.service';
import { AppConfig } from '../../config/app-config';
import { MeetingsQueries } from '../../meetings/meetings.queries';
import type { MinutesVersion } from './minutes-version.entity';
import type { MinutesViewModel, PartnerAttendanceView } from './minutes.view-model';

export interface MinutesPdfFile {
  fileName: string;
  spec: PdfSpec;
}

/**
 * A published version of the minutes as a PDF. Built from the view model the version was
 * rendered from (kept with the version), so it prints what was published, not today's record.
 * A version published before that model was kept is printed from its stored text: the same
 * words, without the layout.
 */
@Injectable()
export class MinutesPdf {
  constructor(
    private readonly pdf: PdfDocuments,
    private readonly views: ViewService,
    private readonly meetings: MeetingsQueries,
    private readonly config: AppConfig,
  ) {}

  /** The version's PDF, streamed, with its file name. */
  async create(version: MinutesVersion): Promise<{ stream: Readable; fileName: string }> {
    const file = await this.fileOf(version);
    return { stream: await this.pdf.create(file.spec), fileName: file.fileName };
  }

  /** The PDF of a version being published, in memory (the mail attachment). */
  async buffer(model: MinutesViewModel): Promise<{ bytes: Buffer; fileName: string }> {
    const file = this.fromModel(model);
    return { bytes: await this.pdf.buffer(file.spec), fileName: file.fileName };
  }

  private async fileOf(version: MinutesVersion): Promise<MinutesPdfFile> {
    if (version.snapshot) return this.fromModel(version.snapshot);
    const meeting = await this.meetings.meetingForMinutes(version.meetingId);
    if (!meeting) throw new NotFoundError('meeting', version.meetingId);
    return {
      fileName: this.fileName(version.title, meeting.startsAt, version.version),
      spec: { title: version.title, content: fromText(version.title, version.text) },
    };
  }

  private fromModel(model: MinutesViewModel): MinutesPdfFile {
    const startsAt = new Date(model.meeting.startsAt);
    return {
      fileName: this.fileName(model.title, startsAt, model.version ?? 0),
      spec: { title: model.title, subject: model.meeting.title, content: this.content(model) },
    };
  }

  private fileName(title: string, startsAt: Date, version: number): string {
    const date = calendarDayInZone(startsAt, this.config.timeZone);
    return pdfFileName(title, (shown) =>
      this.views.text('minutesPdf.fileName', { title: shown, date, version }),
    );
  }

  private content(model: MinutesViewModel): Content[] {
    const t = (key: string, params: Record<string, string | number> = {}) =>
      this.views.text(key, params);
    const { locale, timeZone } = this.config;
    const when = (iso: string) => formatDateTime(new Date(iso), locale, timeZone);
    const { meeting, attendance } = model;
    const place = [meeting.venueName, meeting.venueAddress].filter(Boolean).join(', ');
    const details: Content[][] = [
      [
        label(t('minutes.when')),
        // A meeting past midnight names its last day too.
        `${when(meeting.startsAt)} – ${
          endsOnAnotherDay(new Date(meeting.startsAt), new Date(meeting.endsAt), timeZone)
            ? when(meeting.endsAt)
            : formatTime(new Date(meeting.endsAt), locale, timeZone)
        }`,
      ],
    ];
    if (place) details.push([label(t('minutes.where')), place]);
    if (meeting.onlineUrl) details.push([label(t('minutes.online')), meeting.onlineUrl]);
    const content: Content[] = [
      { text: model.title, style: 'title' },
      { table: { widths: [70, '*'], body: details }, layout: 'noBorders' },
    ];
    if (model.version && model.publishedAt)
      content.push({
        text: t('minutes.version', {
          version: model.version,
          date: formatLongDate(new Date(model.publishedAt), locale, timeZone),
        }),
        style: 'muted',
        margin: [0, 6, 0, 0],
      });
    const review = model.review;
    if (review?.reviewers.length)
      content.push({
        text: `${t('minutesReview.document.reviewedBy')} ${review.reviewers.join(', ')}`,
        style: 'muted',
      });
    section(content, t('minutes.introduction'), model.introduction);

    content.push({ text: t('minutes.attendance'), style: 'heading' });
    content.push({
      text: t('minutesPdf.totals', {
        people: attendance.presentPeople,
        present: attendance.present.length,
        excused: attendance.excused.length,
        absent: attendance.absent.length,
      }),
      margin: [0, 0, 0, 6],
    });
    content.push({ text: t('minutes.present'), style: 'subheading' });
    if (attendance.present.length === 0) content.push(t('minutes.none'));
    else
      content.push({
        table: {
          headerRows: 1,
          dontBreakRows: true,
          widths: ['40%', '*'],
          body: [
            [
              { text: t('minutesPdf.organisation'), style: 'tableHeader' },
              { text: t('minutesPdf.people'), style: 'tableHeader' },
            ],
            ...attendance.present.map((row) => [row.partner, this.peopleOf(row)]),
          ],
        },
      });
    for (const group of ['excused', 'absent'] as const) {
      content.push({ text: t(`minutes.${group}`), style: 'subheading' });
      const rows = attendance[group];
      content.push(rows.length ? { ul: rows.map((row) => row.partner) } : t('minutes.none'));
    }

    if (model.agenda.length) content.push({ text: t('minutes.agenda'), style: 'heading' });
    model.agenda.forEach((item, index) => {
      content.push({ text: `${index + 1}. ${item.title}`, style: 'subheading' });
      if (item.theme)
        content.push({ text: `${t('meetingLoop.minutes.theme')}${t('colon')}${item.theme}` });
      if (item.presenters.length)
        content.push({
          text: `${t('minutes.presentedBy')} ${item.presenters
            .map((p) => (p.organisation ? `${p.name} (${p.organisation})` : p.name))
            .join(', ')}`,
          style: 'muted',
        });
      labelled(content, t('minutes.summary'), item.summary);
      labelled(content, t('minutes.decisions'), item.decisions);
    });

    if (model.projects.length) {
      content.push({ text: t('minutes.projects'), style: 'heading' });
      content.push({
        ul: model.projects.map((p) =>
          p.leadPartner
            ? `${p.title} — ${t('minutes.leadPartner')}${t('colon')}${p.leadPartner}`
            : p.title,
        ),
      });
    }
    if (model.followUps.length) {
      content.push({ text: t('minutes.followUps'), style: 'heading' });
      content.push({
        ul: model.followUps.map((f) => ({
          stack: [
            {
              text: `${f.project}${f.leadPartner ? ` (${f.leadPartner})` : ''} — ${formatCalendarDate(f.date, locale)}`,
              bold: true,
            },
            f.note,
            ...(f.nextStep ? [`${t('minutes.nextStep')}${t('colon')}${f.nextStep}`] : []),
          ],
        })),
      });
    }
    section(content, t('minutes.conclusion'), model.conclusion);
    const next = model.nextMeeting;
    if (next) {
      content.push({ text: t('minutes.nextMeeting'), style: 'heading' });
      content.push({ text: next.title, bold: true });
      content.push(when(next.startsAt));
      const nextPlace = [next.venueName, next.venueAddress].filter(Boolean).join(', ');
      if (nextPlace) content.push(nextPlace);
    }
    if (review?.changes.length) {
      // As the HTML minutes: each accepted correction, the frozen text then the text kept.
      content.push({ text: t('minutesReview.document.changes'), style: 'heading' });
      for (const change of review.changes) {
        labelled(content, t('minutesReview.document.before'), change.before);
        labelled(content, t('minutesReview.document.after'), change.after);
      }
    }
    return content;
  }

  private peopleOf(row: PartnerAttendanceView): string {
    return row.people
      .map((person) =>
        person.replaces
          ? `${person.name} (${this.views.text('minutes.replaces', { name: person.replaces })})`
          : person.name,
      )
      .join(', ');
  }
}

const label = (text: string): Content => ({ text, bold: true });

/** A heading and its text, when there is text. */
function section(content: Content[], heading: string, text: string | null): void {
  if (!text) return;
  content.push({ text: heading, style: 'heading' }, { text });
}

/** A bold label and its text (an agenda item's summary, its decisions), when there is text. */
function labelled(content: Content[], name: string, text: string | null): void {
  if (!text) return;
  content.push({ text: name, bold: true, margin: [0, 4, 0, 0] }, { text });
}

/** A version published before its view model was kept: its stored text, paragraph by paragraph. */
function fromText(title: string, text: string): Content[] {
  const lines = text.split('\n');
  // The text version opens with the title and its underline; the PDF sets the title itself.
  const body = lines[0] === title && /^=+$/.test(lines[1] ?? '') ? lines.slice(2) : lines;
  return [
    { text: title, style: 'title' },
    ...body
      .join('\n')
      .split(/\n{2,}/)
      .map((block) => block.trim())
      .filter(Boolean)
      .map((block): Content => ({ text: block, margin: [0, 0, 0, 6] })),
  ];
}
