import { wallClock } from './meeting-ics';

describe('wallClock', () => {
  const local = (d: Date) => [
    d.getFullYear(),
    d.getMonth() + 1,
    d.getDate(),
    d.getHours(),
    d.getMinutes(),
  ];

  it('gives the time as read on a clock in the zone, in winter and in summer', () => {
    expect(local(wallClock(new Date('2026-03-12T08:30:00Z'), 'Europe/Brussels'))).toEqual([
      2026, 3, 12, 9, 30,
    ]);
    expect(local(wallClock(new Date('2026-07-02T07:00:00Z'), 'Europe/Brussels'))).toEqual([
      2026, 7, 2, 9, 0,
    ]);
  });

  it('crosses midnight and the daylight-saving change', () => {
    expect(local(wallClock(new Date('2026-03-28T23:30:00Z'), 'Europe/Brussels'))).toEqual([
      2026, 3, 29, 0, 30,
    ]);
    expect(local(wallClock(new Date('2026-03-29T01:30:00Z'), 'Europe/Brussels'))).toEqual([
      2026, 3, 29, 3, 30,
    ]);
    expect(local(wallClock(new Date('2026-03-12T08:30:00Z'), 'America/Montreal'))).toEqual([
      2026, 3, 12, 4, 30,
    ]);
  });
});
