import ExcelJS from 'exceljs';
import type { ContactResponse, PartnerResponse } from '../../src/partners/partner.mapper';
import type { Staff } from './staff';
import { binary } from './pdf';

let counter = 0;

/** A valid partner body; each call a new name. */
export function partnerInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter += 1;
  return { name: `Partenaire ${counter}`, kind: 'association', ...overrides };
}

export async function createPartner(
  staff: Staff,
  overrides: Record<string, unknown> = {},
): Promise<PartnerResponse> {
  const response = await staff.api.post('/api/partners').send(partnerInput(overrides)).expect(201);
  return response.body as PartnerResponse;
}

export async function createContact(
  staff: Staff,
  partnerId: number,
  overrides: Record<string, unknown> = {},
): Promise<ContactResponse> {
  counter += 1;
  const response = await staff.api
    .post(`/api/partners/${partnerId}/contacts`)
    .send({ fullName: `Contact ${counter}`, email: `contact${counter}@partner.test`, ...overrides })
    .expect(201);
  return response.body as ContactResponse;
}

/**
 * The partner import through the API, dry run unless `apply`; the file name says nothing (the
 * bytes tell the format).
 */
export function importPartnersFile(staff: Staff, bytes: Buffer, apply = false) {
  return staff.api
    .post(`/api/partners/import${apply ? '?apply=true' : ''}`)
    .attach('file', bytes, 'liste.dat');
}

/** The partner export as an Excel workbook (`/api/partners/export.xlsx` and its filters), read. */
export async function exportWorkbook(staff: Staff, query = ''): Promise<ExcelJS.Workbook> {
  const response = await staff.api
    .get(`/api/partners/export.xlsx${query}`)
    .buffer(true)
    .parse((res, done) => binary(res as unknown as NodeJS.ReadableStream, done))
    .expect(200)
    .expect('Content-Type', /spreadsheetml\.sheet/)
    .expect('Content-Disposition', /attachment; filename="partenaires\.xlsx"/);
  const book = new ExcelJS.Workbook();
  const bytes: ExcelJS.Buffer = response.body;
  await book.xlsx.load(bytes);
  return book;
}

/** Every cell of a workbook as the text Excel shows, a line per row. */
export function workbookText(book: ExcelJS.Workbook): string {
  const lines: string[] = [];
  book.eachSheet((sheet) =>
    sheet.eachRow((row) => {
      const cells: string[] = [];
      row.eachCell((cell) => cells.push(cell.text));
      lines.push(cells.join(';'));
    }),
  );
  return lines.join('\n');
}
