import ExcelJS from 'exceljs';
import type { TableRow } from './import-table';

/** An .xlsx file is a ZIP archive: its bytes, not its name, say so. */
export function isXlsx(bytes: Buffer): boolean {
  return bytes.length >= 4 && bytes.readUInt32BE(0) === 0x504b0304;
}

/**
 * A cell as the text a person sees in it: the import reads text, like a CSV's. Dates become
 * ISO days (Excel stores them as UTC midnights), rich text and hyperlinks their text, formulas
 * their last computed result.
 */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'oui' : 'non';
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('hyperlink' in value) return cellText(value.text);
  if ('result' in value) return cellText(value.result);
  return ''; // an error cell (#N/A…) holds no value
}

/** The first sheet's rows that have a value, numbered as in Excel. */
export async function readXlsxRows(bytes: Buffer): Promise<TableRow[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: TableRow[] = [];
  sheet.eachRow((row, number) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value));
    rows.push({ row: number, cells });
  });
  return rows;
}
