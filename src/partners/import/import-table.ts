import { parse } from 'csv-parse/sync';
import { fillPartnerCells, movePersonalCoordinates } from './contact-columns';
import { decodeText, hasUtf16Bom } from './import-encoding';
import { columnForHeader, foldLabel, findHeaderRow, splitNameColumns } from './import-headers';
import {
  isEncryptedWorkbook,
  isOldOfficeFile,
  isXlsx,
  NotXlsxError,
  readXlsxSheets,
  XLSX_MAX_UNZIPPED_BYTES,
  XlsxTooLargeError,
} from './import-xlsx';
import { unneutralise } from '../../common/csv';
import { labelOf, type CsvColumn, type CsvProblem, type CsvRecord } from './partners-csv';

/** The column of a person's title: a list of people, not of organisations. */
const CIVILITY = new Set(['civilite', 'civ', 'titre', 'title', 'genre'].map(foldLabel));
/** A row of cells, with its number as the person sees it in the spreadsheet (1 is the first). */
export interface TableRow {
  row: number;
  cells: string[];
}

export interface ReadTable {
  records: CsvRecord[];
  problems: CsvProblem[];
  /** Columns of the file that the import does not know: left aside, shown on the preview. */
  ignoredColumns: string[];
  /** Columns that name the partner's coordinates but were read as each contact's (see there). */
  contactColumns: string[];
  /** The export's label of each known column → the header the file gives it (for messages). */
  headers: Map<string, string>;
}

/**
 * What Excel shows in a cell whose formula failed (#N/A of a failed lookup, #REF!…), in English
 * and in French Excel (#VALEUR!, #NOM?…), as a CSV saved from it holds them.
 */
const EXCEL_ERROR =
  /^#(N\/A|REF!|VALUE!|VALEUR!|DIV\/0!|NAME\?|NOM\?|NUM!|NOMBRE!|NULL!|NUL!|SPILL!|CALC!|GETTING_DATA)$/i;

const SEPARATORS = [';', ',', '\t'] as const;

/**
 * ";", "," or tab: the one that splits a line of the first 20 into a header of known columns;
 * else whichever the first line with any of them uses most (";" on a tie: Excel France's), so
 * that a one-cell title above the header is skipped.
 */
export function detectDelimiter(text: string): (typeof SEPARATORS)[number] {
  const lines = text.split(/\r?\n/, 50);
  // The separator that splits a line into the header, two known columns at least: a title line
  // with commas above a ";" header, or a tab file whose headers hold commas, read right.
  const cells = (line: string, s: string) =>
    line.split(s).map((c) => c.trim().replace(/^"|"$/g, ''));
  for (const line of lines.slice(0, 20))
    for (const s of SEPARATORS)
      if (new Set(cells(line, s).map(columnForHeader).filter(Boolean)).size >= 2) return s;
  const line = lines.find((l) => SEPARATORS.some((s) => l.includes(s))) ?? '';
  const count = (s: string) => line.split(s).length - 1;
  return SEPARATORS.reduce((best, s) => (count(s) > count(best) ? s : best));
}

/**
 * The file's rows: those of an Excel workbook's first visible sheet that holds a header (the
 * sheet of the list, when instructions or a title page come first), or CSV / tab text in any common
 * encoding. Other spreadsheet formats and binary files are named rather than read as text.
 */
async function rowsOf(buffer: Buffer): Promise<TableRow[] | CsvProblem> {
  if (isEncryptedWorkbook(buffer)) return problem(1, null, 'xlsx');
  if (isOldOfficeFile(buffer)) return problem(1, null, 'xls');
  if (isXlsx(buffer)) {
    try {
      // Visible sheets first: a hidden one holds drop-down lists or an old version of the list.
      const sheets = (await readXlsxSheets(buffer)).sort(
        (a, b) => Number(a.hidden) - Number(b.hidden),
      );
      const listed = sheets.find(({ rows }) => findHeaderRow(rows.map((r) => r.cells)) !== -1);
      return (listed ?? sheets[0])?.rows ?? [];
    } catch (error) {
      if (error instanceof XlsxTooLargeError) {
        const megabytes = XLSX_MAX_UNZIPPED_BYTES / 1024 / 1024;
        return problem(1, null, 'xlsxTooLarge', {
          megabytes,
        });
      }
      if (error instanceof NotXlsxError) return problem(1, null, error.kind);
      return problem(1, null, 'xlsx');
    }
  }
  if (looksBinary(buffer)) return problem(1, null, 'binary');
  const { text } = decodeText(buffer);
  try {
    const rows: string[][] = parse(text, {
      delimiter: detectDelimiter(text),
      relax_column_count: true,
      // Association "Les Amis" typed in a cell Excel did not quote: read as typed, as Excel does.
      relax_quotes: true,
    });
    // Numbered before blank lines are dropped: row N is line N of the sheet Excel shows, a cell
    // spanning several lines of text included.
    return rows
      .map((cells, index) => ({ row: index + 1, cells }))
      .filter(({ cells }) => cells.some((cell) => cell.trim() !== ''));
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    return problem(line, null, 'unreadable', { line });
  }
}

/**
 * Reads an uploaded file into records keyed by field, or the problems that stop it being read
 * (broken quoting, an unreadable workbook, unknown or missing columns, rows with too many cells).
 */
export async function readTable(buffer: Buffer): Promise<ReadTable> {
  const rows = await rowsOf(buffer);
  const unread = (found: CsvProblem) => ({
    records: [],
    problems: [found],
    ignoredColumns: [],
    contactColumns: [],
    headers: new Map<string, string>(),
  });
  if (!Array.isArray(rows)) return unread(rows);
  if (rows.length === 0) return unread(problem(1, null, 'empty'));
  const start = Math.max(0, findHeaderRow(rows.map((r) => r.cells)));
  const { row: headerRow, cells: header } = rows[start];

  const problems: CsvProblem[] = [];
  const ignoredColumns: string[] = [];
  const headers = new Map<string, string>();
  const seen = new Map<CsvColumn, string>();
  /** Further phone columns (Outlook's "Business Phone", then "Mobile Phone"): used when the first is empty. */
  const fallbacks = new Map<number, CsvColumn>();
  const names = header.map((cell) => unneutralise(cell.trim()));
  const split = splitNameColumns(names);
  const columns = names.map((name, i) => {
    if (split && (i === split.first || i === split.last)) return undefined;
    const column = columnForHeader(name);
    // A column the import does not know (SIRET, Observations…) is left aside, and the preview
    // says so: refusing the whole file for it would make the agency edit every export it has.
    if (!column && name !== '') ignoredColumns.push(name);
    if (!column) return undefined;
    const first = seen.get(column);
    if (first === undefined) {
      seen.set(column, name);
      headers.set(column.label, name);
      return column;
    }
    if (column.field === 'phone' && foldLabel(first) !== foldLabel(name)) {
      fallbacks.set(i, column);
      return undefined;
    }
    problems.push(
      foldLabel(first) === foldLabel(name)
        ? problem(headerRow, name, 'duplicateColumn', { name })
        : problem(headerRow, name, 'sameColumn', { first, name, label: column.label }),
    );
    return column;
  });
  // "Prénom" and "Nom" make the contact's name, unless a column gives it whole already.
  const joinNames = split && !columns.some((c) => c?.scope === 'contact' && c.field === 'fullName');
  if (split && !joinNames) ignoredColumns.push(names[split.first], names[split.last]);
  if (split && joinNames) headers.set(labelOf('contact', 'fullName'), names[split.last]);
  // The type is needed of new partners only: a file that updates existing ones may leave it out.
  if (!columns.some((c) => c?.scope === 'partner' && c.field === 'name')) {
    const name = labelOf('partner', 'name');
    problems.push(problem(headerRow, name, 'requiredColumn', { name }));
  }
  if (problems.length)
    return { records: [], problems, ignoredColumns, contactColumns: [], headers };

  const records: CsvRecord[] = [];
  for (const { row, cells } of rows.slice(start + 1)) {
    const values = cells.map((cell) => unneutralise(cell.trim()));
    // Spreadsheets leave empty cells after the last column: only filled ones count.
    if (values.slice(header.length).some((v) => v !== '')) {
      problems.push(
        problem(row, null, 'tooManyCells', { cells: cells.length, header: header.length }),
      );
      continue;
    }
    if (values.every((v) => v === '')) continue;
    // Read as empty, it would clear the stored value: the cell has to be corrected first.
    const failed = values.findIndex((v, i) => columns[i] && EXCEL_ERROR.test(v));
    if (failed !== -1) {
      const error = values[failed].toUpperCase();
      problems.push(problem(row, header[failed].trim(), 'excelError', { error }));
      continue;
    }
    const record: CsvRecord = { row, partner: {}, contact: {} };
    columns.forEach((column, i) => {
      if (column && !column.readOnly) record[column.scope][column.field] = values[i] ?? '';
    });
    for (const [i, column] of fallbacks)
      if (!record[column.scope][column.field] && values[i])
        record[column.scope][column.field] = values[i];
    for (const scope of ['partner', 'contact'] as const)
      if (record[scope].phone) record[scope].phone = phoneWithZero(record[scope].phone);
    if (split && joinNames) {
      const parts = [values[split.first], values[split.last]];
      record.contact.fullName = parts.filter((part) => part).join(' ');
    }
    records.push(record);
  }
  // A list of people names them in two columns, or gives their title ("Civilité", "M./Mme").
  const peopleList =
    Boolean(split && joinNames) || names.some((name) => CIVILITY.has(foldLabel(name)));
  const contactColumns = movePersonalCoordinates(records, headers, peopleList);
  fillPartnerCells(records);
  return { records, problems, ignoredColumns, contactColumns, headers };
}

/**
 * A French or Belgian number whose leading 0 a spreadsheet dropped, having stored it as a number
 * (612345678, 470123456): written with it again. Numbers with a country code start with + or 00.
 */
function phoneWithZero(value: string): string {
  return /^[1-9]\d{7,8}$/.test(value) ? `0${value}` : value;
}

/**
 * A PDF, an image, a Word file: NUL bytes here and there in its first 4 KiB. Text has none, but
 * UTF-16 (its BOM says so); a stray NUL in a cell is that cell's problem (unsafeText), not the
 * file's.
 */
function looksBinary(bytes: Buffer): boolean {
  if (hasUtf16Bom(bytes)) return false;
  let nuls = 0;
  for (const byte of bytes.subarray(0, 4096)) if (byte === 0 && ++nuls >= 4) return true;
  return false;
}

/** A problem, worded by the catalogues (partnersPages.import.error.*) for the API and pages. */
export function problem(
  row: number,
  column: string | null,
  key: string,
  params: Record<string, string | number> = {},
): CsvProblem {
  return { row, column, text: { key: `partnersPages.import.error.${key}`, params } };
}
