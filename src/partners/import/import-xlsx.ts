import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { TableRow } from './import-table';

/**
 * What a workbook may hold once unzipped. A 2 MiB upload can inflate a thousandfold (a "zip
 * bomb"); a real directory of 10,000 rows holds about 20 MiB of XML.
 */
export const XLSX_MAX_UNZIPPED_BYTES = 64 * 1024 * 1024;

export class XlsxTooLargeError extends Error {}

/** An .xlsx file is a ZIP archive: its bytes, not its name, say so. */
export function isXlsx(bytes: Buffer): boolean {
  return bytes.length >= 4 && bytes.readUInt32BE(0) === 0x504b0304;
}

/**
 * A cell as the text a person sees in it: the import reads text, like a CSV's. Dates become
 * ISO days (Excel stores them as UTC midnights), rich text and hyperlinks their text, formulas
 * their last computed result.
 */
export function cellText(value: ExcelJS.CellValue, numberFormat?: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return digitsAsFormatted(value, numberFormat) ?? String(value);
  if (typeof value === 'boolean') return value ? 'oui' : 'non';
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('hyperlink' in value) return cellText(value.text);
  if ('result' in value) return cellText(value.result, numberFormat);
  return ''; // an error cell (#N/A…) holds no value
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
 * Refuses a workbook whose entries unzip beyond the limit, counting the bytes actually inflated
 * (the sizes the archive declares may lie) and stopping at the limit.
 */
async function checkUnzippedSize(bytes: Buffer): Promise<void> {
  const zip = await JSZip.loadAsync(bytes);
  let total = 0;
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    await new Promise<void>((resolve, reject) => {
      const stream = entry.nodeStream('nodebuffer');
      stream
        .on('data', (chunk: Buffer) => {
          total += chunk.length;
          if (total > XLSX_MAX_UNZIPPED_BYTES) {
            stream.pause();
            reject(new XlsxTooLargeError());
          }
        })
        .on('error', reject)
        .on('end', () => resolve());
    });
  }
}

/** The first sheet's rows that have a value, numbered as in Excel. */
export async function readXlsxRows(bytes: Buffer): Promise<TableRow[]> {
  await checkUnzippedSize(bytes);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: TableRow[] = [];
  sheet.eachRow((row, number) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) {
      const cell = row.getCell(c);
      cells.push(cellText(cell.value, cell.numFmt));
    }
    rows.push({ row: number, cells });
  });
  return rows;
}
