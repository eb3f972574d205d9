import { stringify, type Stringifier } from 'csv-stringify';

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

/** UTF-8 with BOM, ";" separated, CRLF line ends: opens cleanly in French spreadsheets. */
export function spreadsheetCsv(): Stringifier {
  return stringify({ delimiter: ';', record_delimiter: '\r\n', bom: true });
}
