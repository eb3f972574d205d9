import { cellText, digitsAsFormatted, isXlsx, readXlsxSheets } from './import-xlsx';

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

describe('xlsx sheets read as a stream', () => {
  it('keeps every accented letter, even where the unzipped XML is cut between two chunks', async () => {
    const ExcelJS = require('exceljs') as typeof import('exceljs');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Partenaires');
    sheet.addRow(['Nom', 'Ville', 'Description']);
    // Inline strings (no shared table): the sheet's own XML holds the text, some 400 KB of it,
    // cut by the inflater into chunks that fall inside two- and three-byte letters.
    for (let i = 1; i <= 3000; i++)
      sheet.addRow([
        `Épicerie solidaire n°${i}`,
        'Besançon',
        `Accès aux droits, démarches ${i} à l’Hôtel de ville – été`,
      ]);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer({ useSharedStrings: false }));
    const [{ rows }] = await readXlsxSheets(bytes);
    expect(rows).toHaveLength(3001);
    const text = rows.flatMap((row) => row.cells).join('\n');
    expect(text).not.toContain('\ufffd');
    expect(rows[996].cells[2]).toBe('Accès aux droits, démarches 996 à l’Hôtel de ville – été');
  });
});
