import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable } from './database-unavailable';
import { describeError } from './error-body';

const pgError = (code: string, message = 'error') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['a backend killed (57P01)', new QueryFailedError('SELECT 1', [], pgError('57P01'))],
    ['a crash (57P02)', pgError('57P02')],
    ['a server starting up (57P03)', pgError('57P03')],
    ['a connection failure (08006)', pgError('08006')],
    ['too many connections (53300)', pgError('53300')],
    ['statement_timeout (57014)', new QueryFailedError('SELECT 1', [], pgError('57014'))],
    ['ECONNREFUSED', pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['a lost connection', new Error('Connection terminated unexpectedly')],
    ['a connect timeout', new Error('timeout exceeded when trying to connect')],
    ['a client query timeout', new Error('Query read timeout')],
    ['an AggregateError of refusals', new AggregateError([pgError('ECONNREFUSED')])],
    ['a cause', new Error('wrapped', { cause: pgError('57P01') })],
  ])('recognises %s', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(describeError(error)).toEqual({
      statusCode: 503,
      text: { key: 'errors.db.unavailable' },
    });
  });

  it.each([
    ['a unique violation', new QueryFailedError('INSERT', [], pgError('23505'))],
    ['a bad value', new QueryFailedError('INSERT', [], pgError('22P02'))],
    ['a syntax error', new QueryFailedError('SELEC', [], pgError('42601'))],
    ['a plain error', new Error('boom')],
    ['nothing', undefined],
  ])('leaves %s alone', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
    expect(describeError(error).statusCode).not.toBe(503);
  });
});
