import { RuleViolationError } from '../../common/domain-errors';
import { activityPeriod } from './activity-period';
import { addAttendance, monthsOf, NO_ATTENDANCE, wholeYear } from './activity-report';

const ZONE = 'Europe/Brussels';
const NOW = new Date('2026-07-01T10:00:00Z');

function refusal(query: Parameters<typeof activityPeriod>[0]): { key: string; field?: string } {
  try {
    activityPeriod(query, NOW, ZONE);
  } catch (error) {
    if (error instanceof RuleViolationError) return { key: error.text.key, field: error.field };
    throw error;
  }
  throw new Error('not refused');
}

describe('activityPeriod', () => {
  it('is the current year in the time zone by default, a year, or two days both included', () => {
    expect(activityPeriod({}, NOW, ZONE)).toEqual({
      from: '2026-01-01',
      to: '2026-12-31',
      start: new Date('2025-12-31T23:00:00Z'),
      end: new Date('2026-12-31T23:00:00Z'),
    });
    expect(activityPeriod({}, new Date('2026-12-31T23:30:00Z'), ZONE).from).toBe('2027-01-01');
    expect(activityPeriod({ year: 2024 }, NOW, ZONE).to).toBe('2024-12-31');
    const summer = activityPeriod({ from: '2026-06-01', to: '2026-06-30' }, NOW, ZONE);
    expect(summer.start).toEqual(new Date('2026-05-31T22:00:00Z'));
    expect(summer.end).toEqual(new Date('2026-06-30T22:00:00Z'));
  });

  it('refuses half a period, a year with days, backwards and over five years, naming the field', () => {
    expect(refusal({ from: '2026-01-01' })).toEqual({
      key: 'errors.period.missingTo',
      field: 'to',
    });
    expect(refusal({ to: '2026-01-01' })).toEqual({
      key: 'errors.period.missingFrom',
      field: 'from',
    });
    expect(refusal({ year: 2026, from: '2026-01-01', to: '2026-02-01' }).field).toBe('year');
    expect(refusal({ from: '2026-02-02', to: '2026-02-01' })).toEqual({
      key: 'errors.period.fromAfterTo',
      field: 'to',
    });
    expect(refusal({ from: '2021-03-01', to: '2026-03-01' }).key).toBe('errors.period.tooLong');
    expect(activityPeriod({ from: '2021-03-01', to: '2026-02-28' }, NOW, ZONE).to).toBe(
      '2026-02-28',
    );
    expect(activityPeriod({ from: '2026-02-01', to: '2026-02-01' }, NOW, ZONE).from).toBe(
      '2026-02-01',
    );
  });
});

describe('report arithmetic', () => {
  it('lists every month a period touches, across years', () => {
    expect(monthsOf({ from: '2025-11-15', to: '2026-02-01' })).toEqual([
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
    ]);
    expect(monthsOf({ from: '2026-03-01', to: '2026-03-31' })).toEqual(['2026-03']);
  });

  it('knows a whole calendar year from other periods', () => {
    expect(wholeYear({ from: '2028-01-01', to: '2028-12-31' })).toBe(true);
    expect(wholeYear({ from: '2028-01-01', to: '2028-12-30' })).toBe(false);
    expect(wholeYear({ from: '2028-01-02', to: '2029-01-01' })).toBe(false);
  });

  it('recomputes the rate from summed figures, walk-ins in the denominator', () => {
    const a = { invited: 4, present: 2, presentUninvited: 0, excused: 1, absent: 1, people: 3 };
    const b = { invited: 3, present: 3, presentUninvited: 1, excused: 0, absent: 0, people: 3 };
    expect(addAttendance(addAttendance(NO_ATTENDANCE, a), b)).toEqual({
      invited: 7,
      present: 5,
      presentUninvited: 1,
      excused: 1,
      absent: 1,
      people: 6,
      rate: 0.63,
    });
    expect(NO_ATTENDANCE.rate).toBeNull();
  });
});
