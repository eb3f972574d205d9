import { calendarDayInZone, nextDay, startOfDayInZone } from '../../common/calendar-days';
import { RuleViolationError } from '../../common/domain-errors';
import type { ActivityPeriodQueryDto } from './activity-period.dto';

/** The longest period a report covers, in years: enough for a funding programme, bounded work. */
export const MAX_PERIOD_YEARS = 5;

/** A report's period: its days (both included) and the instants that bound it, [start, end). */
export interface ActivityPeriod {
  from: string;
  to: string;
  start: Date;
  end: Date;
}

/**
 * The period asked for: `from` and `to` (both or neither), else `year`, else the current year in
 * the network's time zone. Refuses (422, naming the field) half a period, a year with days, a
 * period ending before it starts or longer than MAX_PERIOD_YEARS.
 */
export function activityPeriod(
  query: ActivityPeriodQueryDto,
  now: Date,
  timeZone: string,
): ActivityPeriod {
  const { from, to, year } = query;
  if (from !== undefined || to !== undefined) {
    if (year !== undefined) throw new RuleViolationError('errors.period.yearOrDays', 'year');
    if (from === undefined) throw new RuleViolationError('errors.period.missingFrom', 'from');
    if (to === undefined) throw new RuleViolationError('errors.period.missingTo', 'to');
    if (from > to) throw new RuleViolationError('errors.period.fromAfterTo', 'to');
    const limit = `${Number(from.slice(0, 4)) + MAX_PERIOD_YEARS}${from.slice(4)}`;
    if (to >= limit)
      throw new RuleViolationError(
        { key: 'errors.period.tooLong', params: { years: MAX_PERIOD_YEARS } },
        'to',
      );
    return bounds(from, to, timeZone);
  }
  const wanted = year ?? Number(calendarDayInZone(now, timeZone).slice(0, 4));
  return bounds(`${wanted}-01-01`, `${wanted}-12-31`, timeZone);
}

function bounds(from: string, to: string, timeZone: string): ActivityPeriod {
  return {
    from,
    to,
    start: startOfDayInZone(from, timeZone),
    end: startOfDayInZone(nextDay(to), timeZone),
  };
}
