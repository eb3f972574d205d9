import { formatCalendarDate, formatDateTime } from '../../common/web/format';
import type { ViewService } from '../../common/web/view.service';
import type { AppConfig } from '../../config/app-config';
import { readableChanges } from '../../audit/readable-changes';
import type { PersonalData } from '../personal-data.service';

/** One part of the export: a heading and a table (the page and the PDF show the same). */
export interface PersonalDataSection {
  id: string;
  title: string;
  headers: string[];
  rows: string[][];
  empty: string;
}

export interface PersonalDataView {
  title: string;
  subtitle: string;
  sections: PersonalDataSection[];
}

/** The export as people read it: every part a table, dates in TIME_ZONE, words in LOCALE. */
export function personalDataView(
  views: ViewService,
  config: AppConfig,
  data: PersonalData,
): PersonalDataView {
  const t = (key: string, params: Record<string, string | number> = {}) =>
    views.text(`privacy.${key}`, params);
  const when = (date: Date | null) =>
    date ? formatDateTime(date, config.locale, config.timeZone) : '—';
  const yes = (value: boolean) => t(value ? 'yes' : 'no');
  const label = (prefix: string, value: string | null) =>
    value ? (views.textIfPresent(`${prefix}.${value}`) ?? value) : '—';
  const reading = { views, locale: config.locale, timeZone: config.timeZone };
  const c = data.contact;
  const section = (id: string, headers: string[], rows: string[][]): PersonalDataSection => ({
    id,
    title: t(`section.${id}`),
    headers: headers.map((h) => t(`column.${h}`)),
    rows,
    empty: t('none'),
  });
  return {
    title: t('title', { name: c.fullName }),
    subtitle: t('generatedAt', { at: when(data.generatedAt) }),
    sections: [
      section(
        'identity',
        ['field', 'value'],
        [
          [t('field.fullName'), c.fullName],
          [t('field.partner'), data.partnerName],
          [t('field.jobTitle'), c.jobTitle ?? '—'],
          [t('field.email'), c.email ?? '—'],
          [t('field.phone'), c.phone ?? '—'],
          [t('field.notes'), c.notes ?? '—'],
          [t('field.newsletterConsent'), yes(c.newsletterConsent)],
          [t('field.receivesMinutes'), yes(c.receivesMinutes)],
          [t('field.createdAt'), when(c.createdAt)],
          [t('field.erasedAt'), when(c.erasedAt)],
        ],
      ),
      section(
        'consents',
        ['at', 'topic', 'choice', 'source', 'recordedBy'],
        data.consents.map((e) => [
          when(e.at),
          views.text(`partnersPages.consent.topic.${e.topic}`),
          t(e.granted ? 'granted' : 'withdrawn'),
          label('partnersPages.consent.sources', e.source),
          e.recordedBy,
        ]),
      ),
      section(
        'meetings',
        ['date', 'meeting', 'partnerAnswer', 'announced', 'present'],
        data.meetings.map((m) => [
          when(m.startsAt),
          m.title,
          label('meetings.answer', m.partnerAnswer),
          yes(m.announced),
          // Attendance is recorded at the meeting: none yet for one to come.
          m.startsAt > data.generatedAt ? '—' : yes(m.present),
        ]),
      ),
      section(
        'agendaItems',
        ['date', 'meeting', 'item'],
        data.agendaItems.map((a) => [when(a.startsAt), a.meetingTitle, a.title]),
      ),
      section(
        'followUps',
        ['day', 'project', 'text'],
        data.followUps.map((f) => [
          formatCalendarDate(f.date, config.locale),
          f.projectTitle,
          f.text,
        ]),
      ),
      section(
        'reviews',
        ['at', 'meeting', 'action', 'text', 'status'],
        data.reviews.map((r) => [
          when(r.at),
          r.meetingTitle ?? '—',
          t(`review.${r.action}`),
          r.text ?? '—',
          r.status
            ? [label('minutesReviewPages.proposalStatus', r.status), r.reason]
                .filter(Boolean)
                .join(' — ')
            : '—',
        ]),
      ),
      section(
        'mails',
        ['at', 'subject', 'purpose', 'status'],
        data.mails.map((m) => [
          when(m.sentAt ?? m.createdAt),
          m.subject,
          label('outbox.purposeOf', m.purpose),
          label('outbox.status', m.status),
        ]),
      ),
      section(
        'links',
        ['kind', 'createdAt', 'expiresAt', 'usedAt', 'revokedAt'],
        [
          ...data.portalLinks.map((l) => [
            t('portalLink'),
            when(l.createdAt),
            when(l.expiresAt),
            when(l.usedAt),
            when(l.revokedAt),
          ]),
          ...data.followUpLinks.map((l) => [
            t('followUpLink'),
            when(l.createdAt),
            when(l.expiresAt),
            when(l.lastUsedAt),
            when(l.revokedAt),
          ]),
        ],
      ),
      section(
        'audit',
        ['at', 'action', 'who', 'changes'],
        data.audit.map((e) => [
          when(e.at),
          label('audit.action', e.action),
          e.actorLabel,
          readableChanges(reading, e.entityType, e.changes)
            .map((change) => t('change', { ...change }))
            .join(' ; '),
        ]),
      ),
    ],
  };
}
