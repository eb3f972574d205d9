import { stringify, type Stringifier } from 'csv-stringify';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** A spreadsheet would run a cell starting with one of these as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A neutralised cell: the apostrophe we added, then a formula start (or another apostrophe). */
const NEUTRALISED = /^'[=+\-@\t\r']/;

/** Prefixes "'" to cells a spreadsheet would take for a formula (and to cells that look neutralised). */
export function neutralise(cell: string): string {
  return FORMULA_START.test(cell) || NEUTRALISED.test(cell) ? `'${cell}` : cell;
}

/** Undoes `neutralise`: "'=1+1" → "=1+1", "''=x" → "'=x"; "'t Kasteeltje" stays as is. */
export function unneutralise(cell: string): string {
  return NEUTRALISED.test(cell) ? cell.slice(1) : cell;
}

/**
 * UTF-8 with BOM, ";" separated, CRLF line ends: opens cleanly in French spreadsheets. A cell
 * holding any line break is quoted: csv-stringify quotes only the record delimiter (CRLF), and a
 * bare LF would start a new row in a spreadsheet, its next line a cell never neutralised.
 */
export function spreadsheetCsv(): Stringifier {
  return stringify({ delimiter: ';', record_delimiter: '\r\n', bom: true, quoted_match: /[\r\n]/ });
}

/**
 * Streams rows to an HTTP response as a spreadsheet CSV (see spreadsheetCsv), headers set by the
 * caller. Backpressure: the next rows are read when the client has taken the earlier ones. A
 * client that went away is no error of ours; anything else is thrown to the error filter, which
 * logs it (the headers being out, the client sees a failed download rather than a file that
 * looks complete).
 */
export async function streamSpreadsheetCsv(
  response: NodeJS.WritableStream,
  rows: Iterable<unknown[]> | AsyncIterable<unknown[]>,
): Promise<void> {
  try {
    await pipeline(Readable.from(rows), spreadsheetCsv(), response);
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_STREAM_PREMATURE_CLOSE') throw error;
  }
}
