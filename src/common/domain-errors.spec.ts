import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../config/project-root';
import { Translator } from '../i18n/messages';
import { labelKeys } from '../i18n/value-labels';
// The contexts owning labelled values register them where they define them (labelKeys below).
import '../auth/users/user.entity';
import '../mail/outbox/outbox-message.entity';
import '../meetings/meeting-kinds';
import '../partners/partner-kind';
import '../projects/project-status';
import { CSV_COLUMNS } from '../partners/import/partners-csv';
import { WORDED_CONSTRAINTS } from './constraint-messages';
import { NotFoundError, RECORD_NAMES, RuleViolationError } from './domain-errors';
import { WORDED_STATUSES } from './error-body';

/** Every `.ts` file under a folder (specs too: they may throw keyed errors in fakes). */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sources(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

const files = sources(join(projectRoot(), 'src')).map((file) => ({
  file,
  text: readFileSync(file, 'utf8'),
}));

describe('domain error messages', () => {
  const translator = new Translator(join(projectRoot(), 'templates'));

  it('carry a catalogue key, its placeholders and the field at fault; logs show the key', () => {
    const error = new RuleViolationError(
      { key: 'errors.project.snoozeTooLong', params: { days: 90 } },
      'until',
    );
    expect(error.text).toEqual({ key: 'errors.project.snoozeTooLong', params: { days: 90 } });
    expect(error.field).toBe('until');
    expect(error.message).toBe('errors.project.snoozeTooLong {"days":90}');
    expect(new NotFoundError('partner', 7).text).toEqual({
      key: 'errors.notFoundWithId',
      params: { record: { key: 'records.partner' }, id: 7 },
    });
    expect(translator.message('fr', new NotFoundError('partner', 999999).text)).toBe(
      'Partenaire 999999 introuvable',
    );
    expect(translator.message('en', new NotFoundError('partner', 999999).text)).toBe(
      'Partner 999999 not found',
    );
  });

  it('finds every error code used in src/ in the French and English catalogues', () => {
    const keys = new Set<string>();
    for (const { text } of files) {
      for (const match of text.matchAll(/['`]((?:errors|cli)\.[\w.-]+)['`]/g)) keys.add(match[1]);
    }
    // Keys built at run time: each of their possible values.
    for (const name of RECORD_NAMES) keys.add(`records.${name}`);
    for (const constraint of WORDED_CONSTRAINTS) keys.add(`errors.validation.${constraint}`);
    for (const status of WORDED_STATUSES) keys.add(`errors.http.${status}`);
    for (const { text } of files) {
      for (const match of text.matchAll(/context: \{ format: '(\w+)' \}/g)) {
        keys.add(`errors.format.${match[1]}`);
      }
    }
    expect(labelKeys()).toContain('adminPages.role.coordinator');
    for (const key of labelKeys()) keys.add(key);
    for (const { scope, field } of CSV_COLUMNS.filter((column) => !column.readOnly)) {
      keys.add(`partnersPages.${scope === 'partner' ? 'error' : 'contactError'}.${field}`);
    }
    expect(keys.size).toBeGreaterThan(150);
    const missing = [...keys].filter(
      (key) => !translator.has('fr', key) || !translator.has('en', key),
    );
    expect(missing).toEqual([]);
  });

  it('are thrown with a catalogue key, never a sentence', () => {
    const thrown =
      /new (?:RuleViolationError|ConflictError|ForbiddenError|UnauthorizedError|GoneError|TooManyRequestsError|CommandError|RequestRefusedException)\(\s*(?:\d+,\s*)?(['"`])(.*?)\1/g;
    const sentences: string[] = [];
    for (const { file, text } of files) {
      for (const match of text.matchAll(thrown)) {
        if (!/^(errors|cli)\.[\w.-]+$/.test(match[2])) sentences.push(`${file}: ${match[2]}`);
      }
    }
    expect(sentences).toEqual([]);
  });
});
