import { localToInstant } from '../../../common/calendar-days';
import { formatTime } from '../../../common/web/format';
import type { ViewService } from '../../../common/web/view.service';
import type { Locale } from '../../../config/app-config';
import type { Meeting } from '../../meeting.entity';
import type { MeetingSeries } from '../meeting-series.entity';
import { WEEKDAYS } from '../series-rule';

/**
 * The rule in words: "chaque semaine, le mardi", "toutes les 2 semaines, le lundi et le jeudi",
 * "le 2e mardi du mois", "le dernier jeudi du mois", "le 1er lundi, tous les 3 mois".
 */
export function ruleInWords(
  views: ViewService,
  series: Pick<MeetingSeries, 'frequency' | 'interval' | 'weekdays' | 'nth'>,
  locale: string,
): string {
  const names = series.weekdays
    .split(',')
    .map((code) => views.text(`meetingsPages.calendar.weekday.${WEEKDAYS.indexOf(code as never)}`));
  if (series.frequency === 'weekly') {
    const days = new Intl.ListFormat(locale, { type: 'conjunction' }).format(names);
    return views.text('meetingSeries.rule.weekly', { interval: series.interval, days });
  }
  return views.text('meetingSeries.rule.monthly', {
    interval: series.interval,
    nth: views.text(`meetingSeries.nth.${series.nth}`),
    day: names[0],
  });
}

/** The series page: its rule, times and every occurrence with its state. */
export function seriesPageView(
  views: ViewService,
  series: MeetingSeries,
  occurrences: Meeting[],
  locale: Locale,
  now: Date,
) {
  const start = localToInstant(series.firstDay, series.startTime, series.timeZone)!;
  const coming = occurrences.filter((m) => m.status === 'planned' && m.startsAt > now);
  return {
    title: views.text('meetingSeries.page.title', { title: series.title }),
    series,
    rule: ruleInWords(views, series, locale),
    start: formatTime(start, locale, series.timeZone),
    total: occurrences.length,
    canInvite: coming.length > 0,
    occurrences: occurrences.map((m, index) => ({
      id: m.id,
      number: index + 1,
      startsAt: m.startsAt.toISOString(),
      endsAt: m.endsAt.toISOString(),
      occurrenceDate: m.occurrenceDate,
      state: views.text(
        m.status === 'cancelled'
          ? 'meetings.status.cancelled'
          : m.occurrenceMoved
            ? 'meetingSeries.page.moved'
            : `meetings.status.${m.status}`,
      ),
      moved: m.occurrenceMoved && m.status !== 'cancelled',
      cancelled: m.status === 'cancelled',
    })),
  };
}
