import type { MinutesViewModel } from '../minutes.view-model';
import { fieldText, paragraphsOf, replaceParagraph, splitParagraphs } from './review-paragraphs';

describe('review paragraphs', () => {
  it('cuts a field on blank lines, trimmed, empty ones left out', () => {
    expect(splitParagraphs('  Un.\r\n\r\nDeux,\nsuite.\n \t\n\n\nTrois. ')).toEqual([
      'Un.',
      'Deux,\nsuite.',
      'Trois.',
    ]);
    expect(splitParagraphs(null)).toEqual([]);
    expect(splitParagraphs('\n\n')).toEqual([]);
  });

  it('numbers the draft in reading order and finds each paragraph’s field again', () => {
    const draft = {
      introduction: 'Bienvenue.',
      conclusion: 'À bientôt.\n\nMerci.',
      agenda: [
        { id: 7, title: 'Bilan', summary: 'A.\n\nB.', decisions: null },
        { id: 9, title: 'Suite', summary: null, decisions: 'C.' },
      ],
    } as unknown as MinutesViewModel;
    const paragraphs = paragraphsOf(draft);
    expect(paragraphs.map((p) => [p.index, p.field, p.agendaItemId, p.text])).toEqual([
      [0, 'introduction', null, 'Bienvenue.'],
      [1, 'summary', 7, 'A.'],
      [2, 'summary', 7, 'B.'],
      [3, 'decisions', 9, 'C.'],
      [4, 'conclusion', null, 'À bientôt.'],
      [5, 'conclusion', null, 'Merci.'],
    ]);
    expect(fieldText(draft, paragraphs[2])).toBe('A.\n\nB.');
    expect(fieldText(draft, paragraphs[3])).toBe('C.');
  });

  it('replaces the frozen paragraph only while it is still there word for word', () => {
    expect(replaceParagraph('A.\r\n\r\nB.', 'B.', 'Bé.')).toBe('A.\n\nBé.');
    expect(replaceParagraph('A.\n\nB modifié.', 'B. ', 'x')).toBeNull();
    expect(replaceParagraph(null, 'B.', 'x')).toBeNull();
  });
});
