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

  it('numbers placeholders for PostgreSQL only', () => {
    const sql = 'SELECT * FROM t WHERE a = ? AND b IN (?, ?)';
    expect(placeholders('sqlite', sql)).toBe(sql);
    expect(placeholders('postgres', sql)).toBe('SELECT * FROM t WHERE a = $1 AND b IN ($2, $3)');
  });
});
