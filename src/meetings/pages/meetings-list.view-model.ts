import type { Page } from '../../common/pagination';
import { addDays, calendarDayInZone, isoWeek, weekdayIndex } from '../../common/calendar-days';
import { pager } from '../../common/web/pager';
import type { ViewService } from '../../common/web/view.service';
import type { AnswerCounts } from './meeting-overview.service';
import { needsClosing } from '../closing/meeting-closing.service';
import { MEETING_STATUSES } from '../meeting-kinds';
import { WHEN, type MeetingsPageQueryDto } from './meeting-pages.dto';
import type { MeetingResponse } from '../meeting.mappers';

/** A meeting in the list and in the calendar. */
function meetingView(views: ViewService, m: MeetingResponse, now: Date) {
  return {
    id: m.id,
    title: m.title,
    startsAt: m.startsAt,
    endsAt: m.endsAt,
    venueName: m.venueName,
    kind: views.text(`meetings.kind.${m.kind}`),
    status: views.text(`meetings.status.${m.status}`),
    cancelled: m.status === 'cancelled',
    needsClosing: needsClosing(m, now),
  };
}

/** The page model of the meetings list: a page of meetings with their answers, the filters. */
export function meetingsListView(
  views: ViewService,
  page: Page<MeetingResponse>,
  counts: Map<number, AnswerCounts>,
  toClose: number,
  query: MeetingsPageQueryDto,
  when: (typeof WHEN)[number],
  links: (page: number) => string,
  now: Date,
) {
  return {
    title: views.text('meetingsPages.list.title'),
    meetings: page.items.map((m) => ({ ...meetingView(views, m, now), counts: counts.get(m.id) })),
    total: page.total,
    toClose: when === 'to-close' ? 0 : toClose,
    filters: {
      from: query.from ?? '',
      to: query.to ?? '',
      whens: WHEN.map((value) => ({
        value,
        label: views.text(`meetingsPages.list.when.${value}`),
        selected: value === when,
      })),
      statuses: MEETING_STATUSES.map((value) => ({
        value,
        label: views.text(`meetings.status.${value}`),
        selected: value === query.status,
      })),
    },
    pager: pager(page.page, page.pageSize, page.total, links),
  };
}

/** The days a month's calendar shows: whole weeks, Monday to Sunday, around the month. */
export function monthGrid(month: string): { first: string; gridStart: string; gridEnd: string } {
  const first = `${month}-01`;
  const [year, monthNumber] = month.split('-').map(Number);
  const last = new Date(Date.UTC(year, monthNumber, 0)).toISOString().slice(0, 10);
  return {
    first,
    gridStart: addDays(first, -weekdayIndex(first)),
    gridEnd: addDays(last, 6 - weekdayIndex(last)),
  };
}

/** The page model of the month calendar: weeks of days, each with its meetings. */
export function calendarView(
  views: ViewService,
  month: string,
  meetings: MeetingResponse[],
  today: string,
  timeZone: string,
  now: Date,
) {
  const { first, gridStart, gridEnd } = monthGrid(month);
  const [year, monthNumber] = month.split('-').map(Number);
  const byDay = new Map<string, MeetingResponse[]>();
  for (const m of meetings) {
    const day = calendarDayInZone(new Date(m.startsAt), timeZone);
    byDay.set(day, [...(byDay.get(day) ?? []), m]);
  }
  const weeks: unknown[] = [];
  for (let monday = gridStart; monday <= gridEnd; monday = addDays(monday, 7)) {
    weeks.push({
      number: isoWeek(monday),
      days: Array.from({ length: 7 }, (_, i) => {
        const day = addDays(monday, i);
        return {
          day,
          dayOfMonth: Number(day.slice(8)),
          outside: day.slice(0, 7) !== month,
          today: day === today,
          meetings: (byDay.get(day) ?? []).map((m) => meetingView(views, m, now)),
        };
      }),
    });
  }
  const shift = (delta: number) => {
    const d = new Date(Date.UTC(year, monthNumber - 1 + delta, 1));
    return d.toISOString().slice(0, 7);
  };
  return {
    title: views.text('meetingsPages.calendar.title'),
    month: first,
    weekdays: [0, 1, 2, 3, 4, 5, 6].map((i) => ({
      short: views.text(`meetingsPages.calendar.weekdayShort.${i}`),
      long: views.text(`meetingsPages.calendar.weekday.${i}`),
    })),
    weeks,
    previous: `/meetings/calendar?month=${shift(-1)}`,
    next: `/meetings/calendar?month=${shift(1)}`,
    count: meetings.filter((m) =>
      calendarDayInZone(new Date(m.startsAt), timeZone).startsWith(month),
    ).length,
  };
}
