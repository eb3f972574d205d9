import { execFile } from 'node:child_process';
import { join } from 'node:path';

/**
 * Run by a plain Node process: pdf.js loads its worker with a dynamic import(), which Jest's
 * module sandbox refuses. Reads the PDF on stdin, prints { pageCount, pages, title } as JSON.
 */
const READER = `
const { PDFParse } = require('pdf-parse');
const chunks = [];
process.stdin.on('data', (chunk) => chunks.push(chunk));
process.stdin.on('end', async () => {
  const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
  const text = await parser.getText();
  const info = await parser.getInfo();
  const pages = text.pages.map((page) => page.text);
  process.stdout.write(JSON.stringify({ pageCount: text.total, pages, title: info.info?.Title }));
  await parser.destroy();
});`;

export interface PdfReading {
  pageCount: number;
  /** The text of each page, as an independent reader (pdf.js) extracts it. */
  pages: string[];
  /** Every page's text, joined. */
  text: string;
  title?: string;
}

/** Reads a PDF the way an auditor's viewer would: pdf.js (through pdf-parse), not our own code. */
export function readPdf(bytes: Buffer | Uint8Array): Promise<PdfReading> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ['-e', READER],
      { cwd: join(__dirname, '..', '..'), maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`pdf-parse could not read the PDF: ${stderr}`));
        const reading = JSON.parse(stdout) as Omit<PdfReading, 'text'>;
        resolve({ ...reading, text: reading.pages.join('\n') });
      },
    );
    child.stdin!.end(Buffer.from(bytes));
  });
}

/** Collects a binary response body (supertest: `.buffer(true).parse(binary)`). */
export function binary(
  response: NodeJS.ReadableStream,
  done: (error: Error | null, body: Buffer) => void,
): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => done(null, Buffer.concat(chunks)));
  response.on('error', (error: Error) => done(error, Buffer.alloc(0)));
}
