import { cellText, digitsAsFormatted, isXlsx } from './import-xlsx';

describe('xlsx cells as text', () => {
  it('reads numbers, dates, rich text, hyperlinks and formula results as a person sees them', () => {
    expect(cellText(59000)).toBe('59000');
    expect(cellText(50.5)).toBe('50.5');
    expect(cellText(new Date('2026-03-02T00:00:00Z'))).toBe('02/03/2026');
    expect(cellText(new Date('2026-03-02T09:30:00Z'))).toBe('02/03/2026 09:30');
    expect(
      cellText({ richText: [{ text: 'Mission ' }, { text: 'locale', font: { bold: true } }] }),
    ).toBe('Mission locale');
    expect(cellText({ text: 'https://a.example', hyperlink: 'https://a.example' })).toBe(
      'https://a.example',
    );
    expect(cellText({ formula: 'A1&"x"', result: 'Lens' })).toBe('Lens');
    expect(cellText({ error: '#N/A' })).toBe('#N/A'); // refused by the import, never read as empty
    expect(cellText(true)).toBe('oui');
    expect(cellText(null)).toBe('');
  });
  it('knows a workbook by its ZIP signature, not its name', () => {
    expect(isXlsx(Buffer.from('PK\x03\x04rest', 'latin1'))).toBe(true);
    expect(isXlsx(Buffer.from('Nom;Type'))).toBe(false);
  });
  it('shows whole numbers under digit-placeholder formats as Excel does', () => {
    expect(digitsAsFormatted(1000, '00000')).toBe('01000');
    expect(digitsAsFormatted(612345678, '0# ## ## ## ##')).toBe('06 12 34 56 78');
    expect(digitsAsFormatted(612345678, '00\\ 00\\ 00\\ 00\\ 00')).toBe('06 12 34 56 78');
    expect(digitsAsFormatted(1000, '[<=99999]00000;[<=9999999]00 00 00 00')).toBe('01000');
    expect(digitsAsFormatted(123456, '000')).toBe('123456');
    expect(cellText(1000, '00000')).toBe('01000');
    expect(cellText({ formula: 'A1', result: 7 }, '000')).toBe('007');
  });
  it('leaves other formats to the plain number', () => {
    for (const format of [undefined, 'General', '0.00', '#,##0', '0%', 'dd/mm/yyyy', '0.0E+00']) {
      expect(digitsAsFormatted(1000, format)).toBeUndefined();
    }
    expect(digitsAsFormatted(10.5, '00000')).toBeUndefined();
    expect(digitsAsFormatted(-5, '00000')).toBeUndefined();
    expect(cellText(1000, 'General')).toBe('1000');
  });
});
