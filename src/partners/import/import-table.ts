import { parse } from 'csv-parse/sync';
import { decodeText } from './import-encoding';
import { columnForHeader, findHeaderRow } from './import-headers';
import { isXlsx, readXlsxRows, XLSX_MAX_UNZIPPED_BYTES, XlsxTooLargeError } from './import-xlsx';
import { unneutralise } from '../../common/csv';
import { labelOf, type CsvColumn, type CsvProblem, type CsvRecord } from './partners-csv';

/** A row of cells, with its number as the person sees it in the spreadsheet (1 is the first). */
export interface TableRow {
  row: number;
  cells: string[];
}

export interface ReadTable {
  records: CsvRecord[];
  problems: CsvProblem[];
}

const SEPARATORS = [';', ',', '\t'] as const;

/**
 * ";", "," or tab: whichever the header line uses most (";" on a tie: Excel France's). The first
 * line with any of them is taken as the header's, so that a one-cell title above it is skipped.
 */
export function detectDelimiter(text: string): (typeof SEPARATORS)[number] {
  const lines = text.split(/\r?\n/, 50);
  const line = lines.find((l) => SEPARATORS.some((s) => l.includes(s))) ?? '';
  const count = (s: string) => line.split(s).length - 1;
  return SEPARATORS.reduce((best, s) => (count(s) > count(best) ? s : best));
}

/** The file's rows: an Excel workbook's first sheet, or CSV / tab text in any common encoding. */
async function rowsOf(buffer: Buffer): Promise<TableRow[] | CsvProblem> {
  if (isXlsx(buffer)) {
    try {
      return await readXlsxRows(buffer);
    } catch (error) {
      if (error instanceof XlsxTooLargeError) {
        const megabytes = XLSX_MAX_UNZIPPED_BYTES / 1024 / 1024;
        return problem(1, null, 'xlsxTooLarge', {
          megabytes,
        });
      }
      return problem(1, null, 'xlsx');
    }
  }
  const { text } = decodeText(buffer);
  try {
    const rows: string[][] = parse(text, {
      delimiter: detectDelimiter(text),
      relax_column_count: true,
      skip_empty_lines: true,
    });
    return rows.map((cells, index) => ({ row: index + 1, cells }));
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
  if (!Array.isArray(rows)) return { records: [], problems: [rows] };
  if (rows.length === 0) return { records: [], problems: [problem(1, null, 'empty')] };
  const start = findHeaderRow(rows.map((r) => r.cells));
  const { row: headerRow, cells: header } = rows[start];

  const problems: CsvProblem[] = [];
  const seen = new Set<CsvColumn>();
  const columns = header.map((cell) => {
    const name = unneutralise(cell.trim());
    const column = columnForHeader(name);
    if (!column && name !== '') {
      problems.push(problem(headerRow, name, 'unknownColumn', { name }));
    }
    if (column && seen.has(column)) {
      problems.push(problem(headerRow, name, 'duplicateColumn', { name }));
    }
    if (column) seen.add(column);
    return column;
  });
  for (const field of ['name', 'kind']) {
    if (!columns.some((c) => c?.scope === 'partner' && c.field === field)) {
      const name = labelOf('partner', field);
      problems.push(problem(headerRow, name, 'requiredColumn', { name }));
    }
  }
  if (problems.length) return { records: [], problems };

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
    const record: CsvRecord = { row, partner: {}, contact: {} };
    columns.forEach((column, i) => {
      if (column && !column.readOnly) record[column.scope][column.field] = values[i] ?? '';
    });
    records.push(record);
  }
  return { records, problems };
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
