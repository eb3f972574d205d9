import { AuditEntry } from '../src/audit/audit-entry.entity';
import { Contact } from '../src/partners/contacts/contact.entity';
import { Partner } from '../src/partners/partner.entity';
import { createContact, createPartner, exportWorkbook } from './support/partners';
import { createStaff, Staff } from './support/staff';
import { binary } from './support/pdf';
import { createTestApp, TestApp } from './support/test-app';

const HEADER =
  'Nom;Sigle;Type;Territoire;Adresse;Code postal;Latitude;Longitude;Site web;Courriel;Téléphone;Services;Description;Contact;Fonction du contact;Courriel du contact;Téléphone du contact;Contact accepte la lettre d’information;Source du consentement à la lettre d’information;Date du consentement à la lettre d’information;Contact reçoit les comptes rendus;Notes sur le contact';

describe('partner directory CSV', () => {
  let t: TestApp;
  let staff: Staff;
  beforeAll(async () => {
    t = await createTestApp();
    staff = await createStaff(t);
  });
  afterAll(() => t.close());

  const exportCsv = async (query = '') => {
    const response = await staff.api
      .get(`/api/partners/export.csv${query}`)
      .buffer(true)
      .parse((res, done) => binary(res as unknown as NodeJS.ReadableStream, done))
      .expect(200);
    return {
      response,
      bytes: response.body as Buffer,
      text: (response.body as Buffer).toString('utf8'),
    };
  };
  const importCsv = (content: string | Buffer, apply = false) =>
    staff.api
      .post(`/api/partners/import${apply ? '?apply=true' : ''}`)
      .attach('file', Buffer.isBuffer(content) ? content : Buffer.from(content), 'partenaires.csv');
  const counts = async () => ({
    partners: await t.dataSource.getRepository(Partner).count(),
    contacts: await t.dataSource.getRepository(Contact).count(),
    audit: await t.dataSource.getRepository(AuditEntry).count(),
  });

  describe('export', () => {
    it('writes UTF-8 with BOM, ";" and CRLF, one row per contact, neutralising formulas', async () => {
      const partner = await createPartner(staff, {
        name: 'Export Régie',
        kind: 'social-economy',
        territory: 'Roubaix',
        services: '=HYPERLINK("http://evil.example")',
        phone: '+33 3 20 00 00 00',
        latitude: 50.69,
        longitude: 3.18,
      });
      await createContact(staff, partner.id, {
        fullName: 'Zoé Lambert',
        email: 'zoe@export.example',
        notes: '@everyone; "quoted"\nsecond line',
        newsletterConsent: true,
      });
      await createContact(staff, partner.id, {
        fullName: 'Albert Nom',
        email: 'albert@export.example',
      });
      await createPartner(staff, { name: 'Export sans contact', kind: 'plie', territory: 'Lille' });

      const { response, bytes, text } = await exportCsv('?q=export');
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(response.headers['content-disposition']).toMatch(
        /attachment; filename="partenaires.csv"/,
      );
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = text.slice(1).split('\r\n');
      expect(lines[0]).toBe(HEADER);
      expect(lines[1]).toMatch(
        /^Export Régie;;Économie sociale;Roubaix;;;50,69;3,18;;;'\+33 3 20 00 00 00;"'=HYPERLINK\(""http:\/\/evil.example""\)";;Albert Nom;;albert@export.example;;non;;;oui;$/,
      );
      expect(lines[2]).toContain(
        `;Zoé Lambert;;zoe@export.example;;oui;staff;2026-03-02 10:00;oui;"'@everyone; ""quoted""\nsecond line"`,
      );
      expect(lines[3]).toBe('Export sans contact;;PLIE;Lille;;;;;;;;;;;;;;;;;;');
      expect(lines[4]).toBe('');
      expect(lines).toHaveLength(5);
    });

    it('applies the list filters', async () => {
      const { text } = await exportCsv('?kind=plie&q=export');
      expect(text.split('\r\n').filter(Boolean)).toHaveLength(2);
      const bad = await staff.api.get('/api/partners/export.csv?kind=bakery').expect(400);
      expect(bad.body.errors[0].field).toBe('kind');
    });

    it('round-trips: importing an export changes nothing, and exports the same bytes', async () => {
      const first = await exportCsv('?active=all');
      const before = await counts();
      const report = await importCsv(first.bytes, true).expect(200);
      expect(report.body.errors).toEqual([]);
      expect(report.body.applied).toBe(true);
      expect(report.body.summary.partners.create + report.body.summary.partners.update).toBe(0);
      expect(report.body.summary.contacts.create + report.body.summary.contacts.update).toBe(0);
      expect(await counts()).toEqual(before);
      const second = await exportCsv('?active=all');
      expect(second.bytes.equals(first.bytes)).toBe(true);
    });

    it('writes the same rows as an Excel workbook, typed, which re-imports unchanged', async () => {
      const book = await exportWorkbook(staff, '?active=all');
      const sheet = book.getWorksheet('Partenaires')!;
      expect((sheet.getRow(1).values as unknown[]).slice(1).join(';')).toBe(HEADER);
      const csvLines = (await exportCsv('?active=all')).text.slice(1).split('\r\n').filter(Boolean);
      expect(sheet.actualRowCount).toBe(csvLines.length);
      const column = (label: string) => HEADER.split(';').indexOf(label) + 1;
      const row = sheet
        .getRows(2, sheet.actualRowCount - 1)!
        .find((r) => r.getCell(column('Courriel du contact')).text === 'zoe@export.example')!;
      const cell = (label: string) => row.getCell(column(label)).value;
      // Text is text (Excel never runs it), so it is written as it is: no apostrophe in front.
      expect(cell('Services')).toBe('=HYPERLINK("http://evil.example")');
      expect(cell('Latitude')).toBe(50.69);
      expect(cell('Type')).toBe('Économie sociale');
      const consent = await t.dataSource
        .getRepository(Contact)
        .findOneByOrFail({ email: 'zoe@export.example' });
      const shown = cell('Date du consentement à la lettre d’information') as Date;
      expect(shown).toBeInstanceOf(Date);
      // The agency's wall clock (Europe/Brussels in tests), which Excel shows as it is given.
      const wall = new Intl.DateTimeFormat('sv-SE', {
        timeZone: 'Europe/Brussels',
        dateStyle: 'short',
        timeStyle: 'short',
      }).format(consent.newsletterConsentAt!);
      expect(shown.toISOString().slice(0, 16).replace('T', ' ')).toBe(wall);

      const before = await counts();
      const report = await staff.api
        .post('/api/partners/import?apply=true')
        .attach('file', Buffer.from(await book.xlsx.writeBuffer()), 'partenaires.xlsx')
        .expect(200);
      expect(report.body.errors).toEqual([]);
      expect(report.body.summary.partners.create + report.body.summary.partners.update).toBe(0);
      expect(report.body.summary.contacts.create + report.body.summary.contacts.update).toBe(0);
      expect(await counts()).toEqual(before);
    });

    it('writes a workbook Excel opens when the text holds control characters (a Word line break)', async () => {
      // Accepted on input (only NUL is refused), but not characters XML 1.0 can hold.
      await createPartner(staff, {
        name: 'Export Contrôle',
        kind: 'association',
        services: 'Atelier CV\u000bsur rendez-vous\u0001\u001f',
      });
      const book = await exportWorkbook(staff, '?q=export%20controle');
      const services = book.getWorksheet('Partenaires')!.getRow(2).getCell(12).value;
      expect(services).toBe('Atelier CV\nsur rendez-vous');
    });
  });

  describe('import', () => {
    const file = [
      'Nom,Type,Territoire,Latitude,Longitude,Contact,Contact email,Contact newsletter,Contact téléphone',
      'Mission locale de Carvin,mission-locale,Carvin,"50,4936","2,9573",Manon Dufour,manon@ml-carvin.example,oui,\'+33 3 21 00 00 00',
      'Mission locale de Carvin,mission-locale,Carvin,"50,4936","2,9573",Kevin Lambert,kevin@ml-carvin.example,non,',
      'PLIE de Carvin,plie,Carvin,,,,,,',
      '',
    ].join('\n');

    it('is a dry run by default: it says what would happen and writes nothing', async () => {
      const before = await counts();
      const response = await importCsv(file).expect(200);
      expect(response.body).toMatchObject({
        applied: false,
        summary: {
          rows: 3,
          partners: { create: 2, update: 0, unchanged: 0 },
          contacts: { create: 2, update: 0, unchanged: 0 },
          errors: 0,
        },
        errors: [],
      });
      expect(response.body.rows[0]).toEqual({
        row: 2,
        partner: { action: 'create', id: null, name: 'Mission locale de Carvin', changes: [] },
        contact: {
          action: 'create',
          id: null,
          fullName: 'Manon Dufour',
          email: 'manon@ml-carvin.example',
          changes: [],
        },
      });
      expect(response.body.rows[2].contact).toBeNull();
      expect(await counts()).toEqual(before);
    });

    it('applies on request, through the same rules, audited with the import as actor', async () => {
      t.clock.set('2026-07-01T08:00:00Z');
      const response = await importCsv(file, true).expect(200);
      expect(response.body.applied).toBe(true);
      expect(response.body.rows[0].partner.action).toBe('create');
      const list = await staff.api.get('/api/partners?q=carvin&territory=Carvin').expect(200);
      expect(list.body.items.map((p: { name: string }) => p.name)).toEqual([
        'Mission locale de Carvin',
        'PLIE de Carvin',
      ]);
      const ml = await staff.api.get(`/api/partners/${list.body.items[0].id}`).expect(200);
      expect(ml.body).toMatchObject({ latitude: 50.4936, longitude: 2.9573 });
      expect(ml.body.contacts[1]).toMatchObject({
        fullName: 'Manon Dufour',
        phone: '+33 3 21 00 00 00',
        newsletterConsent: true,
        newsletterConsentAt: '2026-07-01T08:00:00.000Z',
        newsletterConsentSource: 'import',
      });
      expect(ml.body.contacts[0].newsletterConsentSource).toBe('import');
      const trail = await staff.api
        .get(`/api/audit?entity=contact&id=${ml.body.contacts[1].id}`)
        .expect(200);
      expect(trail.body.items[0]).toMatchObject({
        action: 'create',
        actorUserId: staff.user.id,
        actorLabel: `${staff.user.displayName} (import de fichier, API)`,
      });
      // Search text is maintained by the import too.
      const byContact = await staff.api.get('/api/partners?q=kevin').expect(200);
      expect(byContact.body.total).toBe(1);
    });

    it('changes nothing when the same file is imported again', async () => {
      const before = await counts();
      const response = await importCsv(file, true).expect(200);
      expect(response.body.summary).toMatchObject({
        partners: { create: 0, update: 0, unchanged: 2 },
        contacts: { create: 0, update: 0, unchanged: 2 },
      });
      expect(await counts()).toEqual(before);
    });

    it('updates what differs, matching partners by name and contacts by email, ignoring case', async () => {
      const changed = [
        'Nom;Type;Territoire;Contact;Contact email;Contact fonction',
        'MISSION LOCALE DE CARVIN;mission-locale;Carvin;Manon Dufour;MANON@ml-carvin.example;Conseillère mobilité',
      ].join('\r\n');
      const dry = await importCsv(changed).expect(200);
      expect(dry.body.rows[0].partner).toMatchObject({
        // The name in capitals found the partner: it renames nothing. Columns the file does not
        // have (coordinates) are left as they are.
        action: 'unchanged',
        changes: [],
      });
      const applied = await importCsv(
        [
          'Nom;Type;Territoire;Latitude;Longitude;Contact;Contact email;Contact fonction',
          'Mission locale de Carvin;mission-locale;Carvin;50.4936;2.9573;Manon Dufour;MANON@ml-carvin.example;Conseillère mobilité',
        ].join('\r\n'),
        true,
      ).expect(200);
      expect(applied.body.rows[0].partner.action).toBe('unchanged');
      expect(applied.body.rows[0].contact).toMatchObject({
        action: 'update',
        changes: ['jobTitle', 'email'],
      });
      const contact = await staff.api
        .get(`/api/contacts/${applied.body.rows[0].contact.id}`)
        .expect(200);
      expect(contact.body).toMatchObject({
        jobTitle: 'Conseillère mobilité',
        newsletterConsent: true,
      });
    });

    it('gives an email to a contact that had none, matched by name within the partner', async () => {
      const partner = await createPartner(staff, {
        name: 'CCAS de Carvin',
        kind: 'social-services',
      });
      const contact = await createContact(staff, partner.id, {
        fullName: 'Rémi Petit',
        email: null,
      });
      const response = await importCsv(
        'Nom;Type;Contact;Contact email\r\nCCAS de Carvin;social-services;Remi Petit;remi@ccas.example\r\n',
        true,
      ).expect(200);
      expect(response.body.rows[0].contact).toMatchObject({
        action: 'update',
        id: contact.id,
        // "Remi" without its accent found Rémi, and renames nobody.
        changes: ['email'],
      });
      const read = await staff.api.get(`/api/contacts/${contact.id}`).expect(200);
      expect(read.body).toMatchObject({ fullName: 'Rémi Petit', email: 'remi@ccas.example' });
    });

    it('is all or nothing: one wrong row, nothing written, 422 with every problem', async () => {
      const before = await counts();
      const bad = [
        'Nom;Type;Latitude;Longitude;Contact;Contact email;Contact newsletter',
        'Nouveau partenaire;association;;;Jean Neuf;jean@neuf.example;oui',
        ';boulangerie;91;;Sans Nom;pas-un-email;peut-être',
        'Autre partenaire;plie;;;Doublon;jean@neuf.example;',
        'Nouveau partenaire;plie;;;Encore;encore@neuf.example;',
        'Troisième;plie;;;Kevin;kevin@ml-carvin.example;',
      ].join('\r\n');
      const response = await importCsv(bad, true).expect(422);
      expect(response.body.applied).toBe(false);
      const problems = response.body.errors.map(
        (e: { row: number; column: string }) => `${e.row}:${e.column}`,
      );
      expect(problems).toEqual(
        expect.arrayContaining([
          '3:Nom',
          '3:Type',
          '3:Latitude',
          '3:Longitude',
          '3:Contact email',
          '3:Contact newsletter',
          '4:Contact email',
          '5:Type',
          '6:Contact email',
        ]),
      );
      expect(response.body.errors.find((e: { row: number }) => e.row === 4)).toMatchObject({
        code: 'partnersPages.import.error.sameContact',
        message: 'Ce contact figure déjà à la ligne 2.',
      });
      expect(response.body.errors.find((e: { row: number }) => e.row === 5).message).toMatch(
        /^Diffère de la ligne 2 pour le même partenaire : .* « Courriel du contact »/,
      );
      expect(response.body.errors.find((e: { row: number }) => e.row === 6).message).toMatch(
        // The other partner by its name, not its number.
        /est déjà celle de Kevin Lambert, contact d’un autre partenaire : Mission locale de Carvin\.$/,
      );
      expect(await counts()).toEqual(before);
      // The dry run reports the same problems with 200.
      const dry = await importCsv(bad).expect(200);
      expect(dry.body.errors).toEqual(response.body.errors);
    });

    it('reports files it cannot read', async () => {
      const unknown = await importCsv('Nom;Type;Couleur\r\nA;plie;bleu').expect(200);
      expect(unknown.body.errors).toEqual([]);
      expect(unknown.body.ignoredColumns).toEqual(['Couleur']);
      const broken = await importCsv('Nom;Type\r\n"A;plie\r\n', true).expect(422);
      expect(broken.body.errors[0].message).toMatch(/ne peut pas être lu comme un tableau CSV/);
      // A NUL in a cell (PostgreSQL cannot store it) is that cell's problem, nothing is written.
      const before = await counts();
      const nul = await importCsv('Nom;Type\r\nCit\u0000é;association\r\n', true).expect(422);
      expect(nul.body.errors).toEqual([
        {
          row: 2,
          column: 'Nom',
          code: 'partnersPages.import.error.unsafeText',
          message: expect.stringMatching(/caractère interdit \(NUL/) as unknown,
        },
      ]);
      expect(await counts()).toEqual(before);
    });

    it('validates the request: file required, apply true/false, size limit', async () => {
      const missing = await staff.api.post('/api/partners/import').expect(400);
      expect(missing.body.errors[0].field).toBe('file');
      const apply = await importCsv('Nom;Type', false).query({ apply: 'yes' }).expect(400);
      expect(apply.body.errors[0].field).toBe('apply');
      const big = Buffer.alloc(2 * 1024 * 1024 + 10, 'a');
      const tooBig = await importCsv(big).expect(413);
      expect(tooBig.body.statusCode).toBe(413);
    });
  });
});
