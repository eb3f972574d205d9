import type request from 'supertest';
import { binary, readPdf, PdfReading } from './pdf';

/** Fetches a PDF route (200, application/pdf) and reads the document with pdf.js. */
export async function pdfFrom(
  test: request.Test,
): Promise<{ pdf: PdfReading; response: request.Response }> {
  const response = await test
    .buffer(true)
    .parse((res, done) => binary(res as unknown as NodeJS.ReadableStream, done))
    .expect(200);
  expect(response.headers['content-type']).toMatch(/^application\/pdf/);
  return { pdf: await readPdf(response.body as Buffer), response };
}

/** pdf.js may cut a line wherever the layout wraps: compare words, not line breaks. */
export const flatText = (text: string): string => text.replace(/\s+/g, ' ');
