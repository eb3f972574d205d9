import { formatCalendarDate, formatDateTime, formatMoney } from '../common/web/format';
import type { ViewService } from '../common/web/view.service';
import type { Locale } from '../config/app-config';
import type { AuditChanges } from './audit-kinds';

/** One recorded change as people read it: the field's label, the values before and after. */
export interface ReadableChange {
  field: string;
  before: string;
  after: string;
}

export interface ReadingContext {
  views: ViewService;
  locale: Locale;
  timeZone: string;
}

/**
 * The trail stores values as the code holds them (enum codes, ISO instants in UTC, cents, ids);
 * the audit screen, its CSV and the right-of-access export show them in the network's words,
 * time zone and number format. Coded values take the label the rest of the app gives them.
 */
const CODE_LABELS: Record<string, string> = {
  'agenda-item.kind': 'meetingsPages.agendaKind',
  'contact.newsletterConsentSource': 'partnersPages.consent.sources',
  'meeting.kind': 'meetings.kind',
  'meeting.status': 'meetings.status',
  'meeting-series.kind': 'meetings.kind',
  'meeting-series.frequency': 'audit.value.frequency',
  'meeting-series.nth': 'meetingSeries.nth',
  'minutes-review.status': 'minutesReviewPages.statusValue',
  'minutes-review-proposal.status': 'minutesReviewPages.proposalStatus',
  'minutes-version.visibility': 'visibility',
  'news-item.kind': 'news.kind',
  'newsletter.status': 'newsletterPages.status',
  'partner.kind': 'partnersPages.kind',
  'project.status': 'projectsPages.status',
  'theme.status': 'themesPages.status',
  'user.role': 'adminPages.role',
};

const MONEY_FIELDS = new Set([
  'feeCents',
  'travelCentsPerKm',
  'speakerFeeCents',
  'speakerTravelCents',
]);

/** Fields holding the number of another record (or a list of them): shown as "n° 12". */
const REFERENCE_FIELD = /(Id|Ids)$|^(invited|interest|agendaOrder)$/;

/** The words the code writes about personal links (older entries hold them too). */
const LINK_EVENTS: [RegExp, string][] = [
  [/^issued to contact (\d+)$/, 'audit.value.link.issued'],
  [/^sent \(link (\d+)\)$/, 'audit.value.link.sent'],
  [/^link (\d+)$/, 'audit.value.link.number'],
  [/^(\d+) live$/, 'audit.value.link.live'],
  [/^revoked$/, 'audit.value.link.revoked'],
];
const LINK_FIELDS = new Set(['followUpLink', 'portalLink', 'portalLinks']);

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const WEEKDAY_CODES = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

export function readableChanges(
  context: ReadingContext,
  entityType: string,
  changes: AuditChanges | null | undefined,
): ReadableChange[] {
  return Object.entries(changes ?? {}).map(([field, change]) => ({
    field: context.views.textIfPresent(`audit.field.${field}`) ?? field,
    before: readableValue(context, entityType, field, change?.before),
    after: readableValue(context, entityType, field, change?.after),
  }));
}

/** A stored value of `field` as a person reads it: "—" for nothing, Oui/Non, labels, local dates. */
export function readableValue(
  context: ReadingContext,
  entityType: string,
  field: string,
  value: unknown,
): string {
  const { views, locale } = context;
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) {
    if (value.length === 0) return '—';
    return value.map((item) => readableValue(context, entityType, field, item)).join(', ');
  }
  if (typeof value === 'boolean') return views.text(value ? 'auditPages.yes' : 'auditPages.no');
  if (typeof value === 'object') return readableObject(context, entityType, field, value);
  if (typeof value !== 'string' && typeof value !== 'number') return '—'; // JSON holds no other
  const codeLabels = CODE_LABELS[`${entityType}.${field}`];
  if (codeLabels) return views.textIfPresent(`${codeLabels}.${String(value)}`) ?? String(value);
  if (typeof value === 'number') {
    if (MONEY_FIELDS.has(field)) return formatMoney(value, locale);
    if (REFERENCE_FIELD.test(field)) return views.text('audit.value.reference', { id: value });
    return new Intl.NumberFormat(locale, { maximumFractionDigits: 6 }).format(value);
  }
  const text = value;
  if (LINK_FIELDS.has(field)) return linkEvent(context, text);
  if (field === 'weekdays') return weekdays(text, locale);
  if (INSTANT.test(text) && !Number.isNaN(Date.parse(text)))
    return formatDateTime(new Date(text), locale, context.timeZone);
  if (DAY.test(text) && !Number.isNaN(Date.parse(text))) return formatCalendarDate(text, locale);
  return text;
}

/** Objects the code records: an attendance line, a scan, a section choice, per-item texts. */
function readableObject(
  context: ReadingContext,
  entityType: string,
  field: string,
  value: object,
): string {
  const { views } = context;
  const record = value as Record<string, unknown>;
  if (field === 'attendance' && 'partnerId' in record) {
    return views.text('audit.value.pair', {
      label: views.text('audit.value.reference', { id: String(record.partnerId) }),
      value: views.textIfPresent(`meetings.attendance.${String(record.status)}`) ?? '—',
    });
  }
  if (field === 'sections' && 'key' in record) {
    const section =
      views.textIfPresent(`newsletter.section.${String(record.key)}`) ?? String(record.key);
    return `${section} (${views.text(record.included ? 'auditPages.yes' : 'auditPages.no')})`;
  }
  if (field === 'signInScan' && 'fileName' in record) return String(record.fileName);
  return Object.entries(record)
    .map(([key, inner]) => {
      const label = /^\d+$/.test(key)
        ? views.text('audit.value.reference', { id: key })
        : (views.textIfPresent(`audit.field.${key}`) ?? key);
      return views.text('audit.value.pair', {
        label,
        value: readableValue(context, entityType, key, inner),
      });
    })
    .join(' ; ');
}

function linkEvent(context: ReadingContext, text: string): string {
  for (const [pattern, key] of LINK_EVENTS) {
    const match = pattern.exec(text);
    if (match) return context.views.text(key, { id: match[1] ?? '' });
  }
  return text;
}

/** RFC 5545 day codes ("MO,TH") as day names in the locale ("lundi, jeudi"). */
function weekdays(codes: string, locale: Locale): string {
  const names = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' });
  return codes
    .split(',')
    .map((code) => {
      const index = WEEKDAY_CODES.indexOf(code.trim());
      // 4 January 2026 was a Sunday.
      return index < 0 ? code : names.format(new Date(Date.UTC(2026, 0, 4 + index)));
    })
    .join(', ');
}
