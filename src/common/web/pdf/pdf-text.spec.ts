import { printableContent, printableText } from './pdf-text';

const latin = (codePoint: number) => codePoint < 0x1f000;

describe('PDF text', () => {
  it('leaves out what the font cannot print, keeps text that has nothing else', () => {
    // With the space it stood in: no double space, none before a comma, none at the ends.
    expect(printableText('300 invités 🎉 — Cœur', latin)).toBe('300 invités — Cœur');
    expect(printableText('Émile Zola 🎉', latin)).toBe('Émile Zola');
    expect(printableText('🎉 Fête', latin)).toBe('Fête');
    expect(printableText('Zola 🎉, conseiller', latin)).toBe('Zola, conseiller');
    expect(printableText('Réseau🤝emploi', latin)).toBe('Réseauemploi');
    expect(printableText('محمد', (c) => c < 0x600)).toBe('محمد');
    expect(printableText('1\u202f000,00\u202f€', () => true)).toBe('1\u00a0000,00\u00a0€');
  });

  it('lets a long word break after its hyphens, slashes and dots, and every 12 characters', () => {
    const word = 'jean.dupont.conseiller@missionlocale-seineamont.fr';
    const printed = printableText(`Mél ${word}`, latin);
    expect(printed.replace(/\u200b/g, '')).toBe(`Mél ${word}`);
    expect(printed.split('\u200b')).toEqual([
      'Mél jean.',
      'dupont.',
      'conseiller@m',
      'issionlocale-',
      'seineamont.',
      'fr',
    ]);
    // No stray letter at a piece's end: a piece breaks only when 4 characters or more follow.
    const name = printableText('CoopérativeIntercommunaleInsertionProfessionnelle', latin);
    expect(name.split('\u200b').map((part) => part.length)).toEqual([12, 12, 12, 13]);
    expect(printableText('Hubert Wolfeschlegel', latin)).toBe('Hubert Wolfeschlegel');
  });

  it('reaches every text of a document, and nothing else', () => {
    const upper = (text: string) => text.toUpperCase();
    expect(
      printableContent(
        [
          'a',
          { text: 'b', style: 'title' },
          { stack: ['c', { text: ['d', { text: 'e' }] }] },
          { table: { widths: ['*', 'auto'], body: [['f', { text: 'g', style: 'x' }]] } },
          { image: 'data:image/png;base64,abc', fit: [1, 2] },
        ],
        upper,
      ),
    ).toEqual([
      'A',
      { text: 'B', style: 'title' },
      { stack: ['C', { text: ['D', { text: 'E' }] }] },
      { table: { widths: ['*', 'auto'], body: [['F', { text: 'G', style: 'x' }]] } },
      { image: 'data:image/png;base64,abc', fit: [1, 2] },
    ]);
  });
});
