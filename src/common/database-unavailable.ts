/** Seconds a client is asked to wait (Retry-After) when the database cannot answer. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * PostgreSQL codes of a database that is going away or not there yet: the connection class (08),
 * terminated by an administrator or a restart (57P01, 57P02), starting up or shutting down (57P03),
 * too many connections (53300), and a statement cancelled by statement_timeout (57014).
 */
const UNAVAILABLE_CODES = /^(08\w{3}|57P0[123]|53300|57014)$/;

/** Node's socket errors, when PostgreSQL cannot be reached at all. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** node-postgres' own words for a lost or refused connection, and a query over its time. */
const UNAVAILABLE_MESSAGES =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Query read timeout|Client has encountered a connection error|terminating connection|the database system is (starting up|shutting down|in recovery mode)|SQLITE_BUSY/i;

/**
 * Whether an error says the database cannot answer right now (an outage, a restart, killed
 * connections, a timeout), rather than that the request was wrong: such errors become 503 with
 * Retry-After. Looks through TypeORM's QueryFailedError (driverError) and `cause`.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 3) return false;
  const { code, message, driverError, cause } = error as {
    code?: unknown;
    message?: unknown;
    driverError?: unknown;
    cause?: unknown;
  };
  if (typeof code === 'string' && (UNAVAILABLE_CODES.test(code) || SOCKET_CODES.has(code))) {
    return true;
  }
  if (typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message)) return true;
  return (
    isDatabaseUnavailable(driverError, depth + 1) ||
    isDatabaseUnavailable(cause, depth + 1) ||
    (error instanceof AggregateError &&
      error.errors.some((e) => isDatabaseUnavailable(e, depth + 1)))
  );
}
