import { weekdayIndex } from '../common/calendar-days';
import { actingAt, FixedClock } from '../common/clock';
import { DemoCalendar, Timeline } from './demo-calendar';

describe('DemoCalendar', () => {
  const calendar = new DemoCalendar(new Date('2026-12-10T23:30:00Z'), 'Europe/Paris');

  it('counts days on the network calendar, not in UTC', () => {
    // 23:30 UTC is already 11 December in Paris.
    expect(calendar.today).toBe('2026-12-11');
    expect(calendar.at(0, '09:30').toISOString()).toBe('2026-12-11T08:30:00.000Z');
    expect(calendar.at(-200, '09:30').toISOString()).toBe('2026-05-25T07:30:00.000Z');
    expect(calendar.monthOf(-200)).toBe('mai');
  });

  it('puts meetings on their weekday, outside the holidays, past ones staying past', () => {
    const coming = calendar.meetingDay(6, 1);
    expect(calendar.day(coming)).toBe('2027-01-05');
    expect(weekdayIndex(calendar.day(coming))).toBe(1);
    const past = calendar.meetingDay(-3, 3);
    expect(past).toBeLessThan(0);
    expect(calendar.day(past)).toBe('2026-12-03');
    const summer = new DemoCalendar(new Date('2026-08-10T10:00:00Z'), 'Europe/Paris');
    expect(summer.day(summer.meetingDay(-2, 1))).toBe('2026-07-28');
  });
});

describe('Timeline', () => {
  it('plays its steps in time order, each seeing its own moment, others the real time', async () => {
    const clock = new FixedClock(new Date('2026-03-02T09:00:00Z'));
    const timeline = new Timeline(clock.now());
    const seen: string[] = [];
    const record = async () => {
      seen.push(clock.now().toISOString());
      await new Promise((resolve) => setTimeout(resolve, 1));
      seen.push(clock.now().toISOString());
    };
    timeline.add(new Date('2026-02-01T10:00:00Z'), record);
    timeline.add(new Date('2026-01-01T10:00:00Z'), record);
    const outside = actingAt(new Date('2025-01-01T00:00:00Z'), async () => {
      await timeline.play();
      return clock.now().toISOString();
    });
    expect(clock.now().toISOString()).toBe('2026-03-02T09:00:00.000Z');
    expect(await outside).toBe('2025-01-01T00:00:00.000Z');
    expect(seen).toEqual([
      '2026-01-01T10:00:00.000Z',
      '2026-01-01T10:00:00.000Z',
      '2026-02-01T10:00:00.000Z',
      '2026-02-01T10:00:00.000Z',
    ]);
  });

  it('refuses a step in the future', () => {
    const timeline = new Timeline(new Date('2026-03-02T09:00:00Z'));
    expect(() => timeline.add(new Date('2026-03-02T09:00:01Z'), async () => {})).toThrow(
      'cannot happen in the future',
    );
  });
});
