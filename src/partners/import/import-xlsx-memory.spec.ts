import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import ts from 'typescript';

/** A workbook of two filled rows whose sheet goes on, styled and empty, down to row `lastRow`. */
async function styledDownTo(lastRow: number): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Partenaires');
  sheet.addRow(['Structure', 'Type']);
  sheet.addRow(['PLIE de Lens', 'PLIE']);
  const zip = await JSZip.loadAsync(Buffer.from(await book.xlsx.writeBuffer()));
  const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
  const empty: string[] = [];
  for (let r = 3; r <= lastRow; r++) empty.push(`<row r="${r}" s="1" customFormat="1"/>`);
  zip.file(
    'xl/worksheets/sheet1.xml',
    xml.replace('</sheetData>', `${empty.join('')}</sheetData>`),
  );
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/**
 * readXlsxSheets in a worker whose heap is capped: a heap exhausted ends the worker with
 * ERR_WORKER_OUT_OF_MEMORY, as it ended the app (384 MB) when the whole workbook was loaded.
 */
function readInSmallHeap(file: Buffer, heapMb: number): Promise<number[]> {
  const source = readFileSync(join(__dirname, 'import-xlsx.ts'), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
    },
  });
  const worker = new Worker(
    `const { workerData, parentPort } = require('node:worker_threads');
     const load = require('node:module').createRequire(workerData.from);
     const module = { exports: {} };
     new Function('require', 'module', 'exports', workerData.code)(load, module, module.exports);
     module.exports.readXlsxSheets(Buffer.from(workerData.file)).then(
       (sheets) => parentPort.postMessage(sheets.map((sheet) => sheet.rows.length)),
     );`,
    {
      eval: true,
      workerData: { code: outputText, from: join(__dirname, 'import-xlsx.ts'), file },
      resourceLimits: { maxOldGenerationSizeMb: heapMb },
    },
  );
  return new Promise((resolve, reject) => {
    worker.once('message', (rows: number[]) => void worker.terminate().then(() => resolve(rows)));
    worker.once('error', reject);
  });
}

describe('xlsx import memory', () => {
  it('reads a sheet styled down to row 1,048,576 in a 96 MB heap (its two filled rows)', async () => {
    const file = await styledDownTo(1_048_576);
    await expect(readInSmallHeap(file, 96)).resolves.toEqual([2]);
  }, 120_000);
});
