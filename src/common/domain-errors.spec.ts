import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../config/project-root';
import { Translator } from '../i18n/messages';
import { RuleViolationError } from './domain-errors';

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

describe('domain error messages', () => {
  const translator = new Translator(join(projectRoot(), 'templates'));

  it('keeps the English message for the API beside the key for pages', () => {
    const error = new RuleViolationError('until must be after today', 'until', {
      key: 'errors.project.snoozeAfterToday',
    });
    expect(error.message).toBe('until must be after today');
    expect(error.field).toBe('until');
    expect(error.text?.key).toBe('errors.project.snoozeAfterToday');
  });

  it('finds every key the services give in the French and English catalogues', () => {
    const keys = new Set<string>();
    for (const file of sources(join(projectRoot(), 'src'))) {
      for (const match of readFileSync(file, 'utf8').matchAll(/key: '(errors\.[\w.]+)'/g)) {
        keys.add(match[1]);
      }
    }
    expect(keys.size).toBeGreaterThan(10);
    const missing = [...keys].filter(
      (key) => !translator.has('fr', key) || !translator.has('en', key),
    );
    expect(missing).toEqual([]);
  });
});
