import {
  cellText,
  digitsAsFormatted,
  isEncryptedWorkbook,
  isXlsx,
  readXlsxSheets,
} from './import-xlsx';

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
    // Excel's escapes of characters XML cannot hold: a line break typed in a cell, an underscore.
    expect(cellText('Bât. A_x000D_\n12 rue X')).toBe('Bât. A\n12 rue X');
    expect(cellText('a_x005F_x000D_b')).toBe('a_x000D_b');
  });
  it('knows a workbook protected by a password from an old .xls, both compound files', () => {
    const compound = Buffer.from('d0cf11e0a1b11ae1', 'hex');
    const directory = Buffer.from('EncryptedPackage', 'utf16le');
    expect(isEncryptedWorkbook(Buffer.concat([compound, Buffer.alloc(500), directory]))).toBe(true);
    expect(isEncryptedWorkbook(Buffer.concat([compound, Buffer.alloc(500)]))).toBe(false);
    expect(isEncryptedWorkbook(directory)).toBe(false);
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

  it('finds each sheet’s merges, errors and hidden state when Excel’s sheet ids differ from the file numbers', async () => {
    const ExcelJS = require('exceljs') as typeof import('exceljs');
    const JSZip = require('jszip') as typeof import('jszip');
    const workbook = new ExcelJS.Workbook();
    const lists = workbook.addWorksheet('Listes', { state: 'hidden' });
    lists.addRow(['Nom', 'Type']);
    const partners = workbook.addWorksheet('Partenaires');
    partners.addRow(['Structure', 'Type', 'Téléphone', 'Nom']);
    partners.addRow(['PLIE de l’Ain', 'PLIE', { error: '#N/A' }, 'Durand']);
    partners.addRow([null, null, '0474000000', 'Leroy']);
    partners.mergeCells('A2:A3');
    // A tab deleted then another moved: sheet1.xml is the workbook's sheet 2, sheet2.xml its 1.
    const zip = await JSZip.loadAsync(await workbook.xlsx.writeBuffer());
    const ids = ['2', '1'];
    const xml = await zip.file('xl/workbook.xml')!.async('string');
    zip.file(
      'xl/workbook.xml',
      xml.replace(/sheetId="\d+"/g, () => `sheetId="${ids.shift()}"`),
    );
    const sheets = await readXlsxSheets(await zip.generateAsync({ type: 'nodebuffer' }));
    const visible = sheets.filter((sheet) => !sheet.hidden);
    expect(visible).toHaveLength(1);
    expect(visible[0].rows.map((row) => row.cells)).toEqual([
      ['Structure', 'Type', 'Téléphone', 'Nom'],
      ['PLIE de l’Ain', 'PLIE', '#N/A', 'Durand'],
      ['PLIE de l’Ain', '', '0474000000', 'Leroy'],
    ]);
  });

  it('reads a workbook stored uncompressed, its sheets before the workbook’s parts, every time, without copying a sheet to disk', async () => {
    const ExcelJS = require('exceljs') as typeof import('exceljs');
    const JSZip = require('jszip') as typeof import('jszip');
    const { readdirSync } = require('node:fs') as typeof import('node:fs');
    const { tmpdir } = require('node:os') as typeof import('node:os');
    // exceljs's copies (tmp-<pid>-…): those made here, not another test's being removed.
    const copies = () =>
      readdirSync(tmpdir()).filter((name) => name.startsWith(`tmp-${process.pid}-`));
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Partenaires').addRow(['Nom', 'Type']);
    workbook.getWorksheet('Partenaires')!.addRow(['Mission locale', 'Mission locale']);
    const original = await JSZip.loadAsync(await workbook.xlsx.writeBuffer());
    // Another program's order: the sheet first, then the shared strings and the workbook.
    const reordered = async (sheet?: string) => {
      const zip = new JSZip();
      const names = Object.keys(original.files).filter((name) => !original.files[name].dir);
      const first = names.filter((name) => name.startsWith('xl/worksheets/'));
      for (const name of [...first, ...names.filter((name) => !first.includes(name))]) {
        const content = await original.file(name)!.async('nodebuffer');
        zip.file(name, name === 'xl/worksheets/sheet1.xml' && sheet ? sheet : content);
      }
      return zip.generateAsync({ type: 'nodebuffer' });
    };
    const before = new Set(copies());
    const [{ rows }] = await readXlsxSheets(await reordered());
    expect(rows.map((row) => row.cells)).toEqual([
      ['Nom', 'Type'],
      ['Mission locale', 'Mission locale'],
    ]);
    const broken = await reordered('<worksheet><sheetData><row');
    await readXlsxSheets(broken).catch(() => undefined);
    expect(copies().filter((name) => !before.has(name))).toEqual([]);
    // Read 20 times: the reader lost parts of such archives more than one time in three.
    for (let i = 0; i < 20; i++)
      expect((await readXlsxSheets(await reordered()))[0].rows).toHaveLength(2);
  });
});
