import { Logger } from '@nestjs/common';
import { everyMinutes } from './interval-timer';

describe('everyMinutes', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('ticks every period, logs a failed tick and goes on', async () => {
    const logger = new Logger('test');
    const logged = jest.spyOn(logger, 'error').mockImplementation(() => undefined);
    let ticks = 0;
    const timer = everyMinutes(
      5,
      () => (++ticks === 1 ? Promise.reject(new Error('boom')) : Promise.resolve()),
      logger,
      'Pass',
    );
    jest.advanceTimersByTime(5 * 60_000 - 1);
    expect(ticks).toBe(0);
    jest.advanceTimersByTime(1);
    await Promise.resolve();
    expect(logged).toHaveBeenCalledWith('Pass failed', expect.stringContaining('boom'));
    jest.advanceTimersByTime(10 * 60_000);
    expect(ticks).toBe(3);
    clearInterval(timer);
  });

  it('starts no timer for 0 minutes', () => {
    expect(everyMinutes(0, () => Promise.resolve(), new Logger('test'), 'Pass')).toBeUndefined();
  });
});
