import { isoTime, placeholders, rawDate } from './raw-values';

describe('raw values', () => {
  it('reads SQLite timestamps as UTC and PostgreSQL dates as they are', () => {
    expect(isoTime('2026-03-14 02:33:33.906')).toBe('2026-03-14T02:33:33.906Z');
    expect(isoTime('2026-03-14 02:33')).toBe('2026-03-14T02:33:00.000Z');
    expect(isoTime('2026-03-14T02:33:33+02:00')).toBe('2026-03-14T00:33:33.000Z');
    expect(isoTime(new Date(Date.UTC(2026, 2, 14, 2, 33)))).toBe('2026-03-14T02:33:00.000Z');
    expect(isoTime(null)).toBeNull();
    expect(rawDate('2026-03-14 02:33:33.906')?.getTime()).toBe(
      Date.UTC(2026, 2, 14, 2, 33, 33, 906),
    );
    expect(rawDate(null)).toBeNull();
  });

  it("reads TypeORM's SQLite text the same through its fast path as through a Date", () => {
    const sqliteText = (date: Date) => date.toISOString().replace('T', ' ').replace('Z', '');
    // Every month end, leap days, the turn of the day and of the year, milliseconds 0 and 999.
    const dates = [Date.UTC(2024, 1, 29, 23, 59, 59, 999), Date.UTC(1999, 11, 31, 0, 0, 0, 0)];
    for (let month = 0; month < 12; month++) dates.push(Date.UTC(2026, month + 1, 0, 12, 5, 7, 30));
    for (const time of dates) {
      const text = sqliteText(new Date(time));
      expect(isoTime(text)).toBe(new Date(time).toISOString());
      expect(rawDate(text)?.getTime()).toBe(time);
    }
    // Other shapes still go through a Date.
    expect(isoTime('2026-03-14 02:33:33')).toBe('2026-03-14T02:33:33.000Z');
    expect(rawDate('2026-03-14 02:33')?.getTime()).toBe(Date.UTC(2026, 2, 14, 2, 33));
  });

  it('numbers placeholders for PostgreSQL only', () => {
    const sql = 'SELECT * FROM t WHERE a = ? AND b IN (?, ?)';
    expect(placeholders('sqlite', sql)).toBe(sql);
    expect(placeholders('postgres', sql)).toBe('SELECT * FROM t WHERE a = $1 AND b IN ($2, $3)');
  });
});
