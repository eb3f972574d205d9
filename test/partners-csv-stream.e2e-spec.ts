import { Logger } from '@nestjs/common';
import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiToken } from '../src/auth/tokens/api-token.entity';
import { normalizeForSearch } from '../src/common/text';
import { Contact } from '../src/partners/contacts/contact.entity';
import { Partner } from '../src/partners/partner.entity';
import { EXPORT_BATCH_SIZE, PartnersService } from '../src/partners/partners.service';
import { exportWorkbook } from './support/partners';
import { createStaff, Staff } from './support/staff';
import { createTestApp, TestApp } from './support/test-app';

/** Partners for three batches: 500, 500 and 201 when all are exported. */
const PARTNERS = 2 * EXPORT_BATCH_SIZE + 201;

/** A GET on a real socket: whether the body ended properly, which a cut download must not. */
async function download(t: TestApp, token: string, path: string) {
  const server = t.app.getHttpServer() as Server;
  if (!server.listening) await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return new Promise<{ status: number; body: string; complete: boolean }>((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path, headers: { authorization: `Bearer ${token}` } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', () => undefined); // "aborted": read `complete` below
        res.on('close', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            complete: res.complete,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('partner CSV export, streamed in batches', () => {
  let t: TestApp;
  let staff: Staff;
  /** "Name;Contact" of every row expected from ?active=all, in order. */
  let expected: string[];

  beforeAll(async () => {
    t = await createTestApp();
    staff = await createStaff(t);
    // Inserted in an order unlike the names', contacts unlike their names', so that the export's
    // order (name key, then contact name) is not the ids'; every 7th partner archived.
    const numbers = Array.from({ length: PARTNERS }, (_, i) => (i * 457) % PARTNERS);
    const partners = numbers.map((n) => {
      const name = `Lot ${String(n).padStart(4, '0')}`;
      return {
        name,
        nameKey: normalizeForSearch(name),
        kind: 'association' as const,
        searchText: normalizeForSearch(name),
        active: n % 7 !== 0,
      };
    });
    const saved: Partner[] = [];
    for (let i = 0; i < partners.length; i += 100) {
      const chunk = partners.slice(i, i + 100);
      const ids = await t.dataSource.getRepository(Partner).insert(chunk);
      chunk.forEach((p, j) => saved.push({ ...p, id: ids.identifiers[j].id as number } as Partner));
    }
    const contacts = saved.flatMap((p) =>
      ['Zoé', 'Marc', 'Ana'].slice(0, Number(p.name.slice(-1)) % 4).map((first) => ({
        partnerId: p.id,
        fullName: `${first} ${p.name}`,
      })),
    );
    for (let i = 0; i < contacts.length; i += 100) {
      await t.dataSource.getRepository(Contact).insert(contacts.slice(i, i + 100));
    }
    expected = saved
      .sort((a, b) => a.name.localeCompare(b.name))
      .flatMap((p) => {
        const names = contacts
          .filter((c) => c.partnerId === p.id)
          .map((c) => c.fullName)
          .sort();
        return names.length ? names.map((c) => `${p.name};${c}`) : [`${p.name};`];
      });
    // The token's first use stamps last_used_at without waiting: let that write land before the
    // statements are counted.
    await staff.api.get('/api/partners').expect(200);
    const tokens = t.dataSource.getRepository(ApiToken);
    while (!(await tokens.findOneByOrFail({ userId: staff.user.id })).lastUsedAt) {
      await new Promise((done) => setTimeout(done, 20));
    }
  });
  afterAll(() => t.close());

  const namesAndContacts = (csv: string) =>
    csv
      .slice(1)
      .split('\r\n')
      .slice(1, -1)
      .map((line) => {
        const cells = line.split(';');
        return `${cells[0]};${cells[13]}`;
      });

  it('writes every row in order, two statements per batch of partners', async () => {
    const before = t.queries.total;
    const response = await staff.api.get('/api/partners/export.csv?active=all').expect(200);
    const statements = t.queries.total - before;
    expect(namesAndContacts(response.text)).toEqual(expected);
    // The token check, then partners and their contacts for each of the three batches.
    expect(statements).toBe(1 + 2 * 3);
  });

  it('keeps the filters across batches', async () => {
    const before = t.queries.total;
    const response = await staff.api.get('/api/partners/export.csv').expect(200);
    expect(t.queries.total - before).toBe(1 + 2 * 3);
    const archived = (row: string) => Number(row.slice(4, 8)) % 7 === 0;
    expect(namesAndContacts(response.text)).toEqual(expected.filter((row) => !archived(row)));

    const one = await staff.api.get('/api/partners/export.csv?q=lot%200043').expect(200);
    expect(namesAndContacts(one.text)).toEqual(expected.filter((r) => r.startsWith('Lot 0043;')));
  });

  /** Reading fails on the second batch (a fault injected around the real reader); undone after. */
  async function failingOnSecondBatch(
    run: (loggedErrors: jest.SpyInstance) => Promise<void>,
  ): Promise<void> {
    const service = t.app.get(PartnersService);
    const real = service.exportBatches.bind(service);
    const spy = jest.spyOn(service, 'exportBatches').mockImplementation(async (filter) => {
      const batches = await real(filter);
      return (async function* () {
        let n = 0;
        for await (const batch of batches) {
          if (++n === 2) throw new Error('the database went away');
          yield batch;
        }
      })();
    });
    const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      await run(errors);
    } finally {
      spy.mockRestore();
      errors.mockRestore();
    }
  }

  it('cuts the download short when reading fails once rows are out', async () => {
    await failingOnSecondBatch(async (errors) => {
      const cut = await download(t, staff.token, '/api/partners/export.csv?active=all');
      expect(cut.status).toBe(200);
      expect(cut.complete).toBe(false);
      expect(namesAndContacts(cut.body).length).toBeLessThan(expected.length);
      expect(errors).toHaveBeenCalledWith(
        'GET /api/partners/export.csv?active=all',
        expect.stringContaining('the database went away'),
      );
    });
    const whole = await download(t, staff.token, '/api/partners/export.csv?active=all');
    expect(whole.complete).toBe(true);
    expect(namesAndContacts(whole.body)).toEqual(expected);
  });

  it('streams the Excel workbook the same way: every row, as many statements, cut on failure', async () => {
    const before = t.queries.total;
    const book = await exportWorkbook(staff, '?active=all');
    expect(t.queries.total - before).toBe(1 + 2 * 3);
    const sheet = book.getWorksheet('Partenaires')!;
    const rows = sheet
      .getRows(2, sheet.actualRowCount - 1)!
      .map((row) => `${row.getCell(1).text};${row.getCell(14).text}`);
    expect(rows).toEqual(expected);

    await failingOnSecondBatch(async () => {
      const cut = await download(t, staff.token, '/api/partners/export.xlsx?active=all');
      expect(cut.status).toBe(200);
      expect(cut.complete).toBe(false);
    });
    const whole = await download(t, staff.token, '/api/partners/export.xlsx?active=all');
    expect(whole.complete).toBe(true);
  });

  it('answers with an error status when the first batch cannot be read', async () => {
    const service = t.app.get(PartnersService);
    const spy = jest
      .spyOn(service, 'exportBatches')
      .mockRejectedValue(new Error('the database went away'));
    const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      const response = await staff.api.get('/api/partners/export.csv').expect(500);
      expect(response.headers['content-type']).toMatch(/json/);
    } finally {
      spy.mockRestore();
      errors.mockRestore();
    }
  });
});
