import type { Logger } from '@nestjs/common';

/**
 * Runs `tick` every `minutes` on a timer that does not keep the process alive (none when
 * `minutes` is 0 or less, as in tests, which call the pass themselves). A failed tick is logged
 * under `what` and the next one runs as planned. Answers the timer, for clearInterval at shutdown.
 */
export function everyMinutes(
  minutes: number,
  tick: () => Promise<unknown>,
  logger: Logger,
  what: string,
): NodeJS.Timeout | undefined {
  if (minutes <= 0) return undefined;
  const timer = setInterval(() => {
    tick().catch((error: unknown) =>
      logger.error(`${what} failed`, (error as Error)?.stack ?? String(error)),
    );
  }, minutes * 60_000);
  timer.unref();
  return timer;
}
