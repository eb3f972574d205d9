import { spreadsheetCsv } from './csv';

async function csvOf(rows: unknown[][]): Promise<string> {
  const stringifier = spreadsheetCsv();
  const chunks: Buffer[] = [];
  stringifier.on('data', (chunk: Buffer) => chunks.push(Buffer.from(chunk)));
  const done = new Promise((resolve) => stringifier.on('end', resolve));
  for (const row of rows) stringifier.write(row);
  stringifier.end();
  await done;
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/^\ufeff/, '');
}

describe('spreadsheet CSV', () => {
  it('quotes a cell holding a bare line break, so that its next line is no row of its own', async () => {
    expect(
      await csvOf([
        ['Ligne A\n=1+2', 'x'],
        ['b\rc', 'y'],
        ['plain', 'z'],
      ]),
    ).toBe('"Ligne A\n=1+2";x\r\n"b\rc";y\r\nplain;z\r\n');
  });
});
