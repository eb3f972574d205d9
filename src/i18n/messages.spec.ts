import { projectRoot } from '../config/project-root';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAIL_PURPOSES } from '../mail/outbox/outbox-message.entity';
import { Translator } from './messages';
import { compileMessage } from './icu';

describe('Translator', () => {
  const translator = new Translator(join(projectRoot(), 'templates'));

  it('fills placeholders and falls back to the key', () => {
    expect(translator.translate('fr', 'error.title', { status: 404 })).toBe('Erreur 404');
    expect(translator.translate('en', 'error.title', { status: 404 })).toBe('Error 404');
    expect(translator.translate('fr', 'no.such.key')).toBe('no.such.key');
  });

  it('elides French "de" and "que" before a vowel, in the argument given', () => {
    const say = (key: string, params: Record<string, string>) =>
      translator.translate('fr', key, params);
    expect(say('partnersPages.meetings.title', { name: 'Agence de développement local' })).toBe(
      'Réunions d’Agence de développement local',
    );
    expect(say('partnersPages.meetings.title', { name: 'Mission locale' })).toBe(
      'Réunions de Mission locale',
    );
    expect(say('attestations.one', { name: 'Éric Lambert' })).toBe(
      'Attestation d’Éric Lambert (PDF)',
    );
    // Before "h" or "y" it depends on the word: left as written.
    expect(say('adminPages.users.roleOf', { name: 'Hugues Martin' })).toBe('Rôle de Hugues Martin');
    expect(translator.translate('en', 'partnersPages.meetings.title', { name: 'Agence' })).toBe(
      'Meetings of Agence',
    );
  });

  it('has every French message in English too, and the other way round', () => {
    expect(translator.keys('en').sort()).toEqual(translator.keys('fr').sort());
  });

  it('names the messages of a reworded catalogue that are no valid ICU', () => {
    const dir = mkdtempSync(join(tmpdir(), 'catalogue-'));
    for (const locale of ['fr', 'en']) {
      mkdirSync(join(dir, 'i18n', locale), { recursive: true });
      writeFileSync(
        join(dir, 'i18n', locale, 'x.json'),
        JSON.stringify({
          ok: '{n, plural, one {# a} other {# b}}',
          broken: '{n, plural, one {# a}',
        }),
      );
    }
    const reworded = new Translator(dir);
    expect(reworded.invalidMessages().map((p) => `${p.locale} ${p.key}`)).toEqual([
      'fr broken',
      'en broken',
    ]);
    expect(reworded.translate('fr', 'ok', { n: 2 })).toBe('2 b');
    expect(reworded.translate('fr', 'broken', { n: 2 })).toBe('{n, plural, one {# a}');
    rmSync(dir, { recursive: true, force: true });
  });

  it('compiles every message of both catalogues as ICU MessageFormat', () => {
    expect(translator.invalidMessages()).toEqual([]);
  });

  it('has no ASCII apostrophe that ICU would read as a quote (before {, } or #)', () => {
    const quoting = (['fr', 'en'] as const).flatMap((locale) =>
      translator
        .keys(locale)
        .filter((key) => /'[{}#]/.test(translator.source(locale, key)!))
        .map((key) => `${locale} ${key}`),
    );
    expect(quoting).toEqual([]);
  });

  it('expects the same ICU arguments in both languages for each message', () => {
    const differing = translator
      .keys('fr')
      .filter((key) => translator.has('en', key))
      .map((key) => ({
        key,
        fr: translator.argumentsOf('fr', key).join(','),
        en: translator.argumentsOf('en', key).join(','),
      }))
      .filter(({ fr, en }) => fr !== en);
    expect(differing).toEqual([]);
  });

  it('words counts by ICU plural rules: French "0 projet", "1 projet", English "0 projects"', () => {
    const t = new Translator(join(projectRoot(), 'templates'));
    const fr = compileMessage(
      '{count, plural, =0 {aucun projet} one {# projet} other {# projets}}',
      'fr',
    );
    const en = compileMessage('{count, plural, one {# project} other {# projects}}', 'en');
    if (typeof fr === 'string' || typeof en === 'string') throw new Error('arguments expected');
    expect([0, 1, 2].map((count) => fr.format.format({ count }))).toEqual([
      'aucun projet',
      '1 projet',
      '2 projets',
    ]);
    expect([0, 1, 1.5].map((count) => en.format.format({ count }))).toEqual([
      '0 projects',
      '1 project',
      '1.5 projects',
    ]);
    expect(t.translate('fr', 'error.title', { status: 404 })).toBe('Erreur 404');
  });

  it('records, in strict mode, keys missing in a locale and arguments not given', () => {
    const t = new Translator(join(projectRoot(), 'templates'));
    const problems = t.startRecording();
    expect(t.translate('en', 'no.such.key')).toBe('no.such.key');
    expect(t.translate('fr', 'error.title')).toBe('Erreur {status}');
    expect(t.translateIfPresent('fr', 'another.missing.key')).toBeUndefined();
    t.stopRecording();
    t.translate('fr', 'yet.another.key');
    expect(problems).toEqual([
      { locale: 'en', key: 'no.such.key', problem: 'missing' },
      { locale: 'fr', key: 'error.title', problem: 'missing-argument', detail: 'status' },
    ]);
  });

  it('writes a value that is no string by its own text (a Handlebars SafeString, say)', () => {
    const safe = { toString: () => '404' } as unknown as string;
    expect(translator.translate('fr', 'error.title', { status: safe })).toBe('Erreur 404');
  });

  it('keeps text without arguments as typed, apostrophes included', () => {
    expect(compileMessage("Maison de l'emploi", 'fr')).toBe("Maison de l'emploi");
    expect(compileMessage("Partners' <b>list</b>", 'en')).toBe("Partners' <b>list</b>");
  });

  it('names every kind of mail in both languages', () => {
    for (const purpose of MAIL_PURPOSES) {
      expect(translator.has('fr', `outbox.purposeOf.${purpose}`)).toBe(true);
      expect(translator.has('en', `outbox.purposeOf.${purpose}`)).toBe(true);
    }
  });
});
