import { cellText, isXlsx } from './import-xlsx';

describe('xlsx cells as text', () => {
  it('reads numbers, dates, rich text, hyperlinks and formula results as a person sees them', () => {
    expect(cellText(59000)).toBe('59000');
    expect(cellText(50.5)).toBe('50.5');
    expect(cellText(new Date('2026-03-02T00:00:00Z'))).toBe('2026-03-02');
    expect(cellText(new Date('2026-03-02T09:30:00Z'))).toBe('2026-03-02T09:30:00.000Z');
    expect(
      cellText({ richText: [{ text: 'Mission ' }, { text: 'locale', font: { bold: true } }] }),
    ).toBe('Mission locale');
    expect(cellText({ text: 'https://a.example', hyperlink: 'https://a.example' })).toBe(
      'https://a.example',
    );
    expect(cellText({ formula: 'A1&"x"', result: 'Lens' })).toBe('Lens');
    expect(cellText({ error: '#N/A' })).toBe('');
    expect(cellText(true)).toBe('oui');
    expect(cellText(null)).toBe('');
  });
  it('knows a workbook by its ZIP signature, not its name', () => {
    expect(isXlsx(Buffer.from('PK\x03\x04rest', 'latin1'))).toBe(true);
    expect(isXlsx(Buffer.from('Nom;Type'))).toBe(false);
  });
});
