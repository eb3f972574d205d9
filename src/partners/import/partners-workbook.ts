import type ExcelJS from 'exceljs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { wallClockAsUtc } from '../../common/calendar-days';
import { CSV_COLUMNS, type ExportCell } from './partners-csv';
// exceljs (some 30 MB resident once loaded) is required with the first export, not at start.

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Column widths, in characters, of the columns longer than the default. */
const WIDTHS: Record<string, number> = {
  name: 40,
  address: 36,
  website: 30,
  email: 32,
  services: 40,
  description: 40,
  fullName: 28,
  notes: 32,
};

/**
 * Streams the export as an .xlsx workbook (one sheet, the CSV's columns and rows, header frozen
 * and filterable): numbers stay numbers, dates are Excel dates at the agency's wall-clock time,
 * and text is written as text, which Excel never runs as a formula, so nothing is prefixed.
 * The import reads it back. Backpressure: the next rows are taken once the client has taken
 * what was zipped so far. A client that went away ends the writing without error; a failure
 * once rows are out cuts the connection (the error is thrown on, to be logged).
 */
export async function streamPartnersWorkbook(
  response: Writable,
  rows: AsyncIterable<ExportCell[]>,
  timeZone: string,
): Promise<void> {
  const { WorkbookWriter } = (require('exceljs') as typeof ExcelJS).stream.xlsx;
  const book = new WorkbookWriter({
    stream: response,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = book.addWorksheet('Partenaires', {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = CSV_COLUMNS.map((column) => ({
    header: column.label,
    key: `${column.scope}.${column.field}`,
    width: WIDTHS[column.field] ?? Math.max(14, column.label.length + 2),
    style: column.type === 'date' ? { numFmt: 'dd/mm/yyyy hh:mm' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: CSV_COLUMNS.length } };
  let gone = false;
  response.once('close', () => (gone = !response.writableFinished));
  try {
    for await (const cells of rows) {
      if (gone) return;
      sheet.addRow(cells.map((cell) => excelValue(cell, timeZone))).commit();
      if (response.writableNeedDrain) await drainedOrClosed(response);
    }
    sheet.commit();
    await book.commit();
  } catch (error) {
    // The headers are out: cut the download, so that it never looks like a complete file.
    response.destroy();
    throw error;
  }
}

/** A cell as the workbook holds it: dates at the agency's wall clock, text as XML can hold it. */
function excelValue(cell: ExportCell, timeZone: string): ExportCell {
  if (cell instanceof Date) return wallClockAsUtc(cell, timeZone);
  return typeof cell === 'string' ? xmlText(cell) : cell;
}

/**
 * Text as XML 1.0 can hold it, which a workbook's sheets are: Word's line and page breaks (U+000B,
 * U+000C, pasted with a description) become line ends, and the other control characters and
 * the two non-characters are left out. Written as they are, exceljs makes a sheet that Excel
 * repairs and every XML reader, the import's included, refuses.
 */
function xmlText(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what this removes
  return text.replace(/[\v\f]/g, '\n').replace(/[\u0000-\u0008\u000e-\u001f\ufffe\uffff]/g, '');
}

/** Waits until the client has taken what was written, or has gone; leaves no listener behind. */
async function drainedOrClosed(response: Writable): Promise<void> {
  const settled = new AbortController();
  const either = ['drain', 'close'].map((event) =>
    once(response, event, { signal: settled.signal }).catch(() => undefined),
  );
  await Promise.race(either);
  settled.abort();
}
