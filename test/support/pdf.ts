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

/** Run by a plain Node process (pdf.js is an ES module): each page's width and its text's right edge. */
const LAYOUT_READER = `
const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const document = await getDocument({ data: new Uint8Array(Buffer.concat(chunks)) }).promise;
const pages = [];
for (let n = 1; n <= document.numPages; n++) {
  const page = await document.getPage(n);
  const { width } = page.getViewport({ scale: 1 });
  const { items } = await page.getTextContent();
  const right = Math.max(0, ...items.filter((i) => i.str.trim()).map((i) => i.transform[4] + i.width));
  pages.push({ width, right });
}
process.stdout.write(JSON.stringify(pages));
`;

/** Per page: its width and where its rightmost text ends, in points (text past the margin shows). */
export function readPdfLayout(bytes: Buffer): Promise<{ width: number; right: number }[]> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ['--input-type=module', '-e', LAYOUT_READER],
      { cwd: join(__dirname, '..', '..'), maxBuffer: 16 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`pdf.js could not read the PDF: ${stderr}`));
        resolve(JSON.parse(stdout) as { width: number; right: number }[]);
      },
    );
    child.stdin!.end(bytes);
  });
}
