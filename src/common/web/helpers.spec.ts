import Handlebars from 'handlebars';
import { join } from 'node:path';
import { AppConfig } from '../../config/app-config';
import { projectRoot } from '../../config/project-root';
import { Translator } from '../../i18n/messages';
import { registerHelpers } from './helpers';

describe('template helpers', () => {
  const config = new AppConfig({ TIME_ZONE: 'Europe/Brussels', LOCALE: 'fr' });
  const translator = new Translator(join(projectRoot(), 'templates'));
  const html = Handlebars.create();
  const text = Handlebars.create();
  registerHelpers(html, config, translator);
  registerHelpers(text, config, translator);
  const render = (source: string, data: Record<string, unknown> = {}) => html.compile(source)(data);
  const renderText = (source: string, data: Record<string, unknown> = {}) =>
    text.compile(source, { noEscape: true })(data);

  it('writes dates in the network zone and in the locale of the view model', () => {
    const at = '2026-03-12T08:30:00.000Z';
    expect(render('{{dateTime at}}', { at })).toBe('jeudi 12 mars 2026, 9 h 30');
    expect(render('{{dateTime at}}', { at, locale: 'en' })).toBe('Thursday 12 March 2026, 9:30');
    expect(render('{{dateTime at}}', { at: null })).toBe('');
  });

  it('writes calendar days, months and periods', () => {
    expect(render('{{calendarDate d}}', { d: '2026-03-12' })).toBe('jeudi 12 mars 2026');
    expect(render('{{monthYear d}}', { d: '2026-03-12', locale: 'en' })).toBe('March 2026');
    expect(render('{{period a b}}', { a: '2026-03-01', b: '2026-03-31' })).toBe('mars 2026');
    expect(render('{{calendarDate d}}', { d: null })).toBe('');
  });

  it('numbers from one and underlines', () => {
    expect(render('{{#each xs}}{{inc @index}}.{{/each}}', { xs: ['a', 'b'] })).toBe('1.2.');
    expect(render('{{underline "Présents" "-"}}')).toBe('--------');
    expect(render('{{concat "a." k 2}}', { k: 'b' })).toBe('a.b2');
  });

  it('words counts through ICU plural messages, in the locale of the view model', () => {
    const interested = '{{t "grammar.themes.interested" count=n}}';
    expect([0, 1, 2].map((n) => render(interested, { n }))).toEqual([
      'aucun partenaire intéressé',
      '1 partenaire intéressé',
      '2 partenaires intéressés',
    ]);
    expect(render(interested, { n: 1, locale: 'en' })).toBe('1 interested partner');
  });

  it('escapes helper output in HTML and keeps it as typed in text', () => {
    const title = '<script>alert("x")</script> & {{x}}';
    expect(render('{{underline v}}x{{v}}', { v: title })).not.toContain('<script>');
    expect(render('{{v}}', { v: title })).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; {{x}}',
    );
    expect(renderText('{{v}}', { v: title })).toBe(title);
  });

  it('writes user text as escaped paragraphs', () => {
    expect(render('{{paragraphs v}}', { v: 'Un\nDeux\r\n\r\n<b>" onmouseover="x</b>' })).toBe(
      '<p>Un<br>Deux</p>\n<p>&lt;b&gt;&quot; onmouseover&#x3D;&quot;x&lt;/b&gt;</p>',
    );
    expect(render('{{paragraphs v}}', { v: null })).toBe('');
  });

  it('translates with parameters in the locale', () => {
    expect(render('{{t "error.title" status=404}}')).toBe('Erreur 404');
    expect(render('{{t "error.title" status=404}}', { locale: 'en' })).toBe('Error 404');
  });
});
