import type ExcelJS from 'exceljs';
import type JSZip from 'jszip';
import { Readable } from 'node:stream';
import type { TableRow } from './import-table';
// exceljs and JSZip (some 30 MB resident once loaded) are required when a workbook comes, not at
// start: types only here.

/**
 * What a workbook may hold once unzipped. A 2 MiB upload can inflate a thousandfold (a "zip
 * bomb"); a real directory of 10,000 rows holds about 20 MiB of XML.
 */
export const XLSX_MAX_UNZIPPED_BYTES = 64 * 1024 * 1024;

export class XlsxTooLargeError extends Error {}

/** A ZIP archive that is not an Excel workbook: an OpenDocument spreadsheet (.ods) or else. */
export class NotXlsxError extends Error {
  constructor(readonly kind: 'ods' | 'zip') {
    super(kind);
  }
}

/**
 * A workbook protected by a password to open: Excel stores it encrypted in a compound file (the
 * container of .xls) under a stream named "EncryptedPackage" (UTF-16 in the directory).
 */
export function isEncryptedWorkbook(bytes: Buffer): boolean {
  return isOldOfficeFile(bytes) && bytes.includes(Buffer.from('EncryptedPackage', 'utf16le'));
}

/** The signature of the compound files of Office 97–2003 (.xls, .doc). */
export function isOldOfficeFile(bytes: Buffer): boolean {
  return (
    bytes.length >= 8 &&
    bytes.readUInt32BE(0) === 0xd0cf11e0 &&
    bytes.readUInt32BE(4) === 0xa1b11ae1
  );
}

/** An .xlsx file is a ZIP archive: its bytes, not its name, say so. */
export function isXlsx(bytes: Buffer): boolean {
  return bytes.length >= 4 && bytes.readUInt32BE(0) === 0x504b0304;
}

/**
 * A cell as the text a person sees in it: the import reads text, like a CSV's. Dates are
 * written as a French Excel shows them (02/03/2026, 02/03/2026 09:30), rich text and hyperlinks
 * become their text, formulas their last computed result.
 */
export function cellText(value: ExcelJS.CellValue, numberFormat?: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return unescapedText(value);
  if (typeof value === 'number') return digitsAsFormatted(value, numberFormat) ?? String(value);
  if (typeof value === 'boolean') return value ? 'oui' : 'non';
  if (value instanceof Date) return frenchDateText(value);
  if ('richText' in value) return unescapedText(value.richText.map((part) => part.text).join(''));
  if ('hyperlink' in value) return cellText(value.text);
  if ('result' in value) return cellText(value.result, numberFormat);
  if ('error' in value) return String(value.error); // #N/A, #REF!…: refused by the import
  return '';
}

/**
 * Text as Excel means it: it writes characters XML cannot hold as `_xHHHH_` (a line break typed
 * in a cell as `_x000D_` before the new line), which exceljs leaves as they are; a line ends with
 * LF alone, as a CSV's cell does once read.
 */
function unescapedText(text: string): string {
  return text
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/\r\n?/g, '\n');
}

/** Excel keeps a date's wall-clock reading as if it were UTC: it is read back in UTC. */
function frenchDateText(date: Date): string {
  const [day, time] = date.toISOString().split('T');
  const [year, month, dayOfMonth] = day.split('-');
  const text = `${dayOfMonth}/${month}/${year}`;
  return time.startsWith('00:00:00') ? text : `${text} ${time.slice(0, 5)}`;
}

/**
 * A whole number under a digit-placeholder format as Excel shows it: postcodes kept as numbers
 * under "00000" (01000, not 1000), phones under "0# ## ## ## ##". Other formats (decimals,
 * dates, percentages) are left to the plain number: the import reads those as typed.
 */
export function digitsAsFormatted(value: number, format: string | undefined): string | undefined {
  if (!format || !Number.isSafeInteger(value) || value < 0) return undefined;
  const section = format.split(';')[0].replace(/\[[^\]]*\]/g, '');
  const pattern = section.replace(/\\(.)|"([^"]*)"/g, (_, escaped: string, quoted: string) =>
    (escaped ?? quoted).replace(/[0#]/g, ' '),
  );
  if (!/[0#]/.test(pattern) || /[.,%Ee@?/dmyhs]/i.test(pattern.replace(/[0# -]/g, ''))) {
    return undefined;
  }
  const digits = String(value).split('');
  let text = '';
  for (let i = pattern.length - 1; i >= 0; i--) {
    const place = pattern[i];
    if (place === '0') text = (digits.pop() ?? '0') + text;
    else if (place === '#') text = (digits.pop() ?? '') + text;
    else if (digits.length > 0 || /[0]/.test(pattern.slice(0, i))) text = place + text;
  }
  // Digits beyond the placeholders go in front, as Excel shows them.
  return (digits.join('') + text).trim();
}

/**
 * What the streaming reader leaves aside in a sheet's XML: its merged ranges (`A2:A4`), and its
 * error cells (`t="e"`), whose code it drops when a formula computed them (#N/A of a lookup).
 */
interface SheetNotes {
  merges: string[];
  errors: Map<string, string>;
  /** Hidden in Excel (`state="hidden"` in the workbook): drop-down lists, an old version. */
  hidden?: boolean;
}
const SHEET_FILE = /^xl\/worksheets\/sheet(\d+)\.xml$/;
const MERGE_REF = /<(?:\w+:)?mergeCell\b[^>]*\bref="([A-Z]+\d+:[A-Z]+\d+)"/g;
const ERROR_CELL =
  /<(?:\w+:)?c\b(?=[^>]*\bt="e")[^>]*\br="([A-Z]+\d+)"[^>]*>(?:(?!<\/(?:\w+:)?c>).)*?<(?:\w+:)?v>([^<]*)</gs;
/** Bytes of a sheet scanned again with the next chunk: a cell or a tag may straddle two. */
const OVERLAP = 4096;

/**
 * Refuses a workbook whose entries unzip beyond the limit, counting the bytes actually inflated
 * (the sizes the archive declares may lie) and stopping at the limit; on the way, notes each
 * sheet's merged ranges and error cells (SheetNotes). A ZIP without a workbook is named.
 */
async function checkUnzipped(
  bytes: Buffer,
): Promise<{ notes: Map<number, SheetNotes>; zip: JSZip }> {
  const zip = await (require('jszip') as typeof JSZip).loadAsync(bytes);
  const byFile = new Map<number, SheetNotes>();
  let total = 0;
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    const sheet = SHEET_FILE.exec(entry.name)?.[1];
    const found: SheetNotes = { merges: [], errors: new Map() };
    let tail = '';
    await new Promise<void>((resolve, reject) => {
      const stream = entry.nodeStream('nodebuffer');
      stream
        .on('data', (chunk: Buffer) => {
          total += chunk.length;
          if (total > XLSX_MAX_UNZIPPED_BYTES) {
            stream.pause();
            reject(new XlsxTooLargeError());
          }
          if (sheet === undefined) return;
          const text = tail + chunk.toString('latin1');
          for (const match of text.matchAll(MERGE_REF)) {
            if (match.index + match[0].length > tail.length) found.merges.push(match[1]);
          }
          for (const match of text.matchAll(ERROR_CELL)) found.errors.set(match[1], match[2]);
          tail = text.slice(-OVERLAP);
        })
        .on('error', reject)
        .on('end', () => resolve());
    });
    if (sheet !== undefined) byFile.set(Number(sheet), found);
  }
  const workbook = await zip.file('xl/workbook.xml')?.async('string');
  if (workbook === undefined) {
    const mimetype = await zip.file('mimetype')?.async('string');
    throw new NotXlsxError(mimetype?.includes('opendocument.spreadsheet') ? 'ods' : 'zip');
  }
  const relations = (await zip.file('xl/_rels/workbook.xml.rels')?.async('string')) ?? '';
  const notes = new Map<number, SheetNotes>();
  for (const { id, file, hidden } of sheetsOf(workbook, relations)) {
    const found = byFile.get(file);
    if (found) notes.set(id, { ...found, hidden });
  }
  return { notes, zip };
}

/** The parts exceljs's stream reader reads before the sheets, in Excel's order. */
const LEADING_PARTS = [
  'xl/_rels/workbook.xml.rels',
  'xl/workbook.xml',
  'xl/sharedStrings.xml',
  'xl/styles.xml',
];

/**
 * The workbook as exceljs's stream reader reads it reliably: compressed, and with the workbook's
 * relations before the sheets, as Excel (and exceljs) store it. The reader (unzipper underneath)
 * lost parts of archives stored uncompressed, as JSZip and SheetJS write them by default ("Export
 * to Excel" of many web tools), and read a sheet stored before the relations back empty, at
 * times: a list of partners seen as an empty file, or a failure. Such an archive is stored again
 * in that order and compressed (it holds at most the 2 MiB of the upload); Excel's files are
 * streamed as they come.
 */
async function inReadingOrder(zip: JSZip, bytes: Buffer): Promise<Buffer> {
  const names = Object.values(zip.files)
    .filter((entry) => !entry.dir)
    .map((entry) => entry.name);
  const firstSheet = names.findIndex((name) => SHEET_FILE.test(name));
  const relations = names.indexOf(LEADING_PARTS[0]);
  // The first entry's local header: its compression method (0, stored) at offset 8.
  const stored = bytes.readUInt16LE(8) === 0;
  if (!stored && (firstSheet === -1 || relations === -1 || relations < firstSheet)) return bytes;
  const ordered = new (require('jszip') as typeof JSZip)();
  for (const part of LEADING_PARTS) {
    const file = zip.file(part);
    if (file) ordered.file(part, await file.async('nodebuffer'));
  }
  for (const name of names.filter((name) => !LEADING_PARTS.includes(name)))
    ordered.file(name, await zip.file(name)!.async('nodebuffer'));
  return ordered.generateAsync({
    type: 'nodebuffer',
    compression: 'DEFLATE',
    compressionOptions: { level: 1 },
  });
}

const SHEET_TAG = /<(?:\w+:)?sheet\b[^>]*>/g;
const RELATION_TAG = /<(?:\w+:)?Relationship\b[^>]*>/g;
const attribute = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

/**
 * The workbook's sheets: the id exceljs gives each (the workbook's `sheetId`), the N of its
 * xl/worksheets/sheetN.xml, and whether Excel hides it. Excel keeps a sheet's id when tabs are
 * deleted or moved, so the id and N often differ; exceljs falls back on N when the relation's
 * target is written otherwise than `worksheets/sheetN.xml`, and so does this.
 */
function sheetsOf(
  workbook: string,
  relations: string,
): { id: number; file: number; hidden: boolean }[] {
  const targets = new Map(
    [...relations.matchAll(RELATION_TAG)].map(([tag]) => [
      attribute(tag, 'Id'),
      attribute(tag, 'Target') ?? '',
    ]),
  );
  return [...workbook.matchAll(SHEET_TAG)].flatMap(([tag]) => {
    const target = targets.get(attribute(tag, 'r:id')) ?? '';
    const file = /sheet(\d+)\.xml$/.exec(target)?.[1];
    if (file === undefined) return [];
    const exact = /^worksheets\/sheet\d+\.xml$/.test(target);
    return [
      {
        id: Number(exact ? attribute(tag, 'sheetId') : file),
        file: Number(file),
        hidden: /^(hidden|veryHidden)$/.test(attribute(tag, 'state') ?? ''),
      },
    ];
  });
}

/** A sheet's rows that have a value, numbered as in Excel, and whether Excel hides the sheet. */
export interface XlsxSheet {
  rows: TableRow[];
  hidden: boolean;
}

/**
 * Each sheet's rows that have a value, numbered as in Excel, sheet by sheet. Read as a stream:
 * a sheet formatted down to row 1,048,576 (whole columns styled) holds a million empty rows,
 * which loading the whole workbook would keep in memory. A merged cell's value fills its range,
 * as Excel shows it.
 */
export async function readXlsxSheets(bytes: Buffer): Promise<XlsxSheet[]> {
  const { notes, zip } = await checkUnzipped(bytes);
  const { WorkbookReader } = (require('exceljs') as typeof ExcelJS).stream.xlsx;
  const reader = new WorkbookReader(Readable.from([await inReadingOrder(zip, bytes)]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'cache',
  });
  const sheets: XlsxSheet[] = [];
  for await (const worksheet of reader) {
    const sheet = notes.get(Number((worksheet as unknown as { id: string }).id));
    const rows = new Map<number, string[]>();
    for await (const row of worksheet) {
      if (!row.hasValues) continue;
      const cells: string[] = [];
      for (let c = 1; c <= row.cellCount; c++) {
        const cell = row.getCell(c);
        cells.push(sheet?.errors.get(cell.address) ?? cellText(cell.value, cell.numFmt));
      }
      if (cells.some((cell) => cell !== '')) rows.set(row.number, cells);
    }
    fillMerges(rows, sheet?.merges ?? []);
    sheets.push({
      rows: [...rows].map(([row, cells]) => ({ row, cells })),
      hidden: sheet?.hidden ?? false,
    });
  }
  return sheets;
}

/** Copies each merged range's value into the range's other cells, on the rows read. */
function fillMerges(rows: Map<number, string[]>, ranges: string[]): void {
  for (const range of ranges) {
    const [from, to] = range.split(':').map(cellAddress);
    const value = rows.get(from.row)?.[from.column - 1];
    if (!value) continue;
    for (const [number, cells] of rows) {
      if (number < from.row || number > to.row) continue;
      for (let c = from.column; c <= to.column; c++) if (!cells[c - 1]) cells[c - 1] = value;
      for (let c = 0; c < cells.length; c++) cells[c] ??= '';
    }
  }
}

/** "AB12" → row 12, column 28. */
function cellAddress(address: string): { row: number; column: number } {
  const [, letters, digits] = /^([A-Z]+)(\d+)$/.exec(address)!;
  const column = [...letters].reduce((n, letter) => n * 26 + letter.charCodeAt(0) - 64, 0);
  return { row: Number(digits), column };
}
