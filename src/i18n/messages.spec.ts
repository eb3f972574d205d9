import { projectRoot } from '../config/project-root';
import { join } from 'node:path';
import { MAIL_PURPOSES } from '../mail/outbox-message';
import { Translator } from './messages';

describe('Translator', () => {
  const translator = new Translator(join(projectRoot(), 'templates'));

  it('fills placeholders and falls back to the key', () => {
    expect(translator.translate('fr', 'error.title', { status: 404 })).toBe('Erreur 404');
    expect(translator.translate('en', 'error.title', { status: 404 })).toBe('Error 404');
    expect(translator.translate('fr', 'no.such.key')).toBe('no.such.key');
  });

  it('has every French message in English too, and the other way round', () => {
    expect(translator.keys('en').sort()).toEqual(translator.keys('fr').sort());
  });

  it('names every kind of mail in both languages', () => {
    for (const purpose of MAIL_PURPOSES) {
      expect(translator.has('fr', `outbox.purposeOf.${purpose}`)).toBe(true);
      expect(translator.has('en', `outbox.purposeOf.${purpose}`)).toBe(true);
    }
  });
});
