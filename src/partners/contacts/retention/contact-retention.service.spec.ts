import { monthsBefore } from './contact-retention.service';

describe('monthsBefore (the start of the retention period)', () => {
  it('goes back whole calendar months, keeping the time of day', () => {
    expect(monthsBefore(new Date('2030-01-15T09:30:00Z'), 36).toISOString()).toBe(
      '2027-01-15T09:30:00.000Z',
    );
    expect(monthsBefore(new Date('2030-01-15T09:30:00Z'), 1).toISOString()).toBe(
      '2029-12-15T09:30:00.000Z',
    );
  });

  it('lands on the last day of a shorter month rather than spilling into the next', () => {
    expect(monthsBefore(new Date('2030-03-31T12:00:00Z'), 1).toISOString()).toBe(
      '2030-02-28T12:00:00.000Z',
    );
    expect(monthsBefore(new Date('2028-05-31T12:00:00Z'), 3).toISOString()).toBe(
      '2028-02-29T12:00:00.000Z',
    );
    expect(monthsBefore(new Date('2030-12-31T00:00:00Z'), 240).toISOString()).toBe(
      '2010-12-31T00:00:00.000Z',
    );
  });
});
