import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AuditEntry } from '../src/audit/audit-entry.entity';
import { Contact } from '../src/partners/contacts/contact.entity';
import { Partner } from '../src/partners/partner.entity';
import { type BrowserSession, signInWithForm } from './support/session';
import { importPartnersFile } from './support/partners';
import { createStaff, type Staff } from './support/staff';
import { createTestApp, type TestApp } from './support/test-app';
import { binary } from './support/pdf';

/** Files as Excel France saves them (written by test/fixtures/import/make-fixtures.ts). */
const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', 'import', name));
const HTML = 'text/html';

interface Row {
  row: number;
  partner: { action: string; name: string };
  contact: { action: string; fullName: string; email: string | null } | null;
}

describe('partner import of the files French agencies have', () => {
  let t: TestApp;
  let staff: Staff;
  let browser: BrowserSession;
  beforeAll(async () => {
    t = await createTestApp();
    staff = await createStaff(t, 'coordinator');
    browser = await signInWithForm(t, staff.user.email, staff.password);
  });
  afterAll(() => t.close());

  const importFile = (bytes: Buffer, apply = false) => importPartnersFile(staff, bytes, apply);
  const counts = async () => ({
    partners: await t.dataSource.getRepository(Partner).count(),
    contacts: await t.dataSource.getRepository(Contact).count(),
    audit: await t.dataSource.getRepository(AuditEntry).count(),
  });
  const partnerNamed = async (name: string) => {
    const list = await staff.api.get('/api/partners').query({ q: name }).expect(200);
    const found = list.body.items.find((p: { name: string }) => p.name === name);
    expect(found).toBeDefined();
    return (await staff.api.get(`/api/partners/${found.id}`).expect(200)).body;
  };
  const summaryOf = (rows: Row[]) =>
    rows.map(
      (r) => `${r.row} ${r.partner.action} ${r.partner.name} | ${r.contact?.fullName ?? '—'}`,
    );

  /** Dry run (nothing written), apply, then again: the second time changes nothing. */
  async function dryRunThenApply(bytes: Buffer, expected: string[]) {
    const before = await counts();
    const dry = await importFile(bytes).expect(200);
    expect(dry.body.errors).toEqual([]);
    expect(summaryOf(dry.body.rows)).toEqual(expected);
    expect(await counts()).toEqual(before);
    const applied = await importFile(bytes, true).expect(200);
    expect(applied.body.applied).toBe(true);
    const after = await counts();
    const again = await importFile(bytes, true).expect(200);
    expect(again.body.summary.partners.create + again.body.summary.partners.update).toBe(0);
    expect(again.body.summary.contacts.create + again.body.summary.contacts.update).toBe(0);
    expect(await counts()).toEqual(after);
  }

  it('reads a Windows-1252 ";" CSV with French headers, synonyms and kind labels', async () => {
    await dryRunThenApply(fixture('excel-windows-1252.csv'), [
      '2 create Mission locale de l’Artois | Françoise Lefèvre',
      '3 create Mission locale de l’Artois | Jérôme Cœur',
      '4 create CCAS de Lens | —',
      '5 create Régie de quartier « Les Étangs » | Noël Garçon',
      '6 create France Travail Lens | —',
    ]);
    const ml = await partnerNamed('Mission locale de l’Artois');
    expect(ml).toMatchObject({
      kind: 'mission-locale',
      address: '12 rue de l’Église',
      postcode: '62400',
      territory: 'Béthune',
      website: 'https://ml-artois.example',
      description: 'Aide au permis : 50 € par mois',
    });
    expect(ml.contacts.map((c: { jobTitle: string }) => c.jobTitle).sort()).toEqual([
      'Chargé de relations entreprises',
      'Conseillère « mobilité »',
    ]);
    expect((await partnerNamed('CCAS de Lens')).kind).toBe('social-services');
    expect((await partnerNamed('Régie de quartier « Les Étangs »')).kind).toBe('social-economy');
    expect((await partnerNamed('France Travail Lens')).kind).toBe('public-employment-service');
  });

  it('reads a UTF-8 CSV with BOM', async () => {
    await dryRunThenApply(fixture('excel-utf8-bom.csv'), [
      '2 create Centre de formation Évolution | Zoé Ménard',
      '3 create Association Les Amis de l’Œuvre | Ève Dupré',
      '4 create Commune de Liévin | —',
    ]);
    const centre = await partnerNamed('Centre de formation Évolution');
    expect(centre).toMatchObject({
      kind: 'training-centre',
      email: 'accueil@evolution.example',
      phone: '03 21 44 00 00',
      website: 'https://evolution.example',
    });
    expect(centre.contacts[0]).toMatchObject({
      fullName: 'Zoé Ménard',
      jobTitle: 'Responsable pédagogique',
      email: 'zoe.menard@evolution.example',
    });
    expect((await partnerNamed('Commune de Liévin')).kind).toBe('municipality');
  });

  it('reads "Texte Unicode" (UTF-16 LE, tab separated)', async () => {
    await dryRunThenApply(fixture('excel-unicode.txt'), [
      '2 create PLIE du Lensois | Gaëlle Perrière',
      '3 create Maison de l’emploi de Liévin | —',
      '4 create SIAE Le Tremplin | François Nœl',
    ]);
    expect(await partnerNamed('PLIE du Lensois')).toMatchObject({
      kind: 'plie',
      email: 'contact@plie-lensois.example',
      contacts: [{ fullName: 'Gaëlle Perrière', email: 'g.perriere@plie-lensois.example' }],
    });
    expect((await partnerNamed('Maison de l’emploi de Liévin')).kind).toBe('maison-emploi');
    expect((await partnerNamed('SIAE Le Tremplin')).kind).toBe('social-economy');
  });

  it('reads an .xlsx workbook with a title above the header, cells as text', async () => {
    await dryRunThenApply(fixture('excel-title-row.xlsx'), [
      '4 create Mission locale Métropole Lilloise | Clément Bœuf',
      '5 create Épicerie solidaire « Le Panier » | —',
    ]);
    expect(await partnerNamed('Mission locale Métropole Lilloise')).toMatchObject({
      kind: 'mission-locale',
      postcode: '59000',
      territory: 'Lille',
      website: 'https://ml-lille.example',
      // "Mail" alone is the partner's address, like "Email".
      email: 'c.boeuf@ml-lille.example',
      contacts: [{ fullName: 'Clément Bœuf', jobTitle: 'Conseiller', email: null }],
    });
    expect((await partnerNamed('Épicerie solidaire « Le Panier »')).kind).toBe('association');
  });

  it('reads whole numbers of an .xlsx as Excel shows them: postcodes and phones keep their zeros', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Liste');
    sheet.addRow(['Nom', 'Type', 'Code postal', 'Téléphone']);
    const row = sheet.addRow(['Mission locale de la Dombes', 'Mission locale', 1000, 474000000]);
    row.getCell(3).numFmt = '00000';
    row.getCell(4).numFmt = '0# ## ## ## ##';
    // Excel France's own "Code postal" special format.
    const other = sheet.addRow(['CCAS de Bourg', 'CCAS', 1000, 474000001]);
    other.getCell(3).numFmt = '[<=99999]00000;[<=9999999]00 00 00 00;00 00 00 00 00';
    const bytes = Buffer.from(await book.xlsx.writeBuffer());
    await dryRunThenApply(bytes, [
      '2 create Mission locale de la Dombes | —',
      '3 create CCAS de Bourg | —',
    ]);
    expect(await partnerNamed('Mission locale de la Dombes')).toMatchObject({
      postcode: '01000',
      phone: '04 74 00 00 00',
    });
    // No format: Excel shows 474000001, a phone that lost its 0 (nine digits), given back.
    expect(await partnerNamed('CCAS de Bourg')).toMatchObject({
      postcode: '01000',
      phone: '0474000001',
    });
  });

  it('refuses a workbook that unzips beyond the limit, without inflating it whole', async () => {
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<Types/>');
    // 80 MiB of spaces deflate to about 80 KiB: far under the upload limit.
    zip.file('xl/worksheets/sheet1.xml', Buffer.alloc(80 * 1024 * 1024, 0x20));
    const bomb = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const before = await counts();
    const response = await importFile(bomb).expect(200);
    expect(response.body.errors).toEqual([
      {
        row: 1,
        column: null,
        code: 'partnersPages.import.error.xlsxTooLarge',
        message: expect.stringContaining('dépasse 64 Mo') as unknown,
      },
    ]);
    expect(await counts()).toEqual(before);
    const page = await browser.agent
      .post('/partners/import')
      .set('Accept', HTML)
      .field('_csrf', browser.csrfToken)
      .field('step', 'preview')
      .attach('file', bomb, 'annuaire.xlsx');
    expect(page.text).toContain('Le classeur décompressé dépasse 64 Mo');
  });

  it('refuses an unknown kind, listing the accepted labels', async () => {
    const response = await importFile(Buffer.from('Nom;Type\r\nBoulangerie Paul;Boulangerie\r\n'));
    expect(response.body.errors).toEqual([
      {
        row: 2,
        column: 'Type',
        code: 'partnersPages.import.error.unknownKind',
        message: expect.stringMatching(
          /^Type inconnu « Boulangerie »\. Types acceptés : Service public de l’emploi, Mission locale, .*Autre\.$/,
        ) as unknown,
      },
    ]);
  });

  it('exports what it imported in the same format, which re-imports unchanged', async () => {
    const exportCsv = async () =>
      (
        await staff.api
          .get('/api/partners/export.csv?active=all')
          .buffer(true)
          .parse((res, done) => binary(res as unknown as NodeJS.ReadableStream, done))
          .expect(200)
      ).body as Buffer;
    const first = await exportCsv();
    expect([...first.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = first.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toMatch(/^Nom;Sigle;Type;Territoire;Adresse;Code postal;/);
    expect(lines).toContainEqual(
      expect.stringMatching(/^CCAS de Lens;;CCAS, CPAS, services sociaux;Lens;/),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^Régie de quartier « Les Étangs »;;Économie sociale;/),
    );
    const before = await counts();
    const dry = await importFile(first).expect(200);
    expect(dry.body.errors).toEqual([]);
    expect(dry.body.rows.length).toBe(lines.length - 2);
    expect(dry.body.summary.partners).toMatchObject({ create: 0, update: 0 });
    expect(dry.body.summary.contacts).toMatchObject({ create: 0, update: 0 });
    expect(await counts()).toEqual(before);
    expect((await exportCsv()).equals(first)).toBe(true);
  });

  describe('on the import page', () => {
    const preview = (bytes: Buffer) =>
      browser.agent
        .post('/partners/import')
        .set('Accept', HTML)
        .field('_csrf', browser.csrfToken)
        .field('step', 'preview')
        .attach('file', bytes, 'partenaires.xlsx');

    it('previews an .xlsx, then applies it on confirmation', async () => {
      // Imported above through the API: the page sees its rows unchanged.
      const page = await preview(fixture('excel-title-row.xlsx')).expect(200);
      expect(page.text).toContain('Mission locale Métropole Lilloise');
      expect(page.text).toContain('inchangé');
      const content = /name="content" value="([^"]+)"/.exec(page.text)![1].replace(/&#x3D;/g, '=');
      expect(Buffer.from(content, 'base64').equals(fixture('excel-title-row.xlsx'))).toBe(true);
      const applied = await browser.agent
        .post('/partners/import')
        .set('Accept', HTML)
        .field('_csrf', browser.csrfToken)
        .field('step', 'apply')
        .field('content', content)
        .expect(303);
      expect(applied.headers.location).toBe('/partners/import/done?created=0&updated=0');
    });

    it('says in French what is wrong, line by line', async () => {
      const before = await counts();
      const file = Buffer.from('Structure;Catégorie;Couleur\r\nA;Mission locale;bleu\r\n', 'utf8');
      const unknownColumn = await preview(file).expect(200);
      expect(unknownColumn.text).toContain(
        'Colonne ignorée : « Couleur ». Maillage ne connaît pas cette colonne : ses valeurs ne seront pas importées.',
      );
      const bad = Buffer.from(
        'Structure;Catégorie;Courriel\r\nBoulangerie Paul;Boulangerie;x\r\nB;;\r\n',
        'utf8',
      );
      const refused = await preview(bad).expect(422);
      expect(refused.text).toMatch(
        /<td>2<\/td><td>Catégorie<\/td><td>Type inconnu « Boulangerie ». Types acceptés : Service public de l’emploi, Mission locale, [^<]*Autre.<\/td>/,
      );
      expect(refused.text).toContain(
        '<td>2</td><td>Courriel</td><td>Indiquez une adresse e-mail valide.</td>',
      );
      expect(refused.text).toContain(
        '<td>3</td><td>Catégorie</td><td>Indiquez le type de ce nouveau partenaire : le répertoire ne le connaît pas encore.</td>',
      );
      expect(refused.text).not.toContain('name="content"');
      expect(await counts()).toEqual(before);
    });
  });
});
