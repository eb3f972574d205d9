import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import JSZip from 'jszip';
import { Partner } from '../src/partners/partner.entity';
import { type BrowserSession, signInWithForm } from './support/session';
import { importPartnersFile } from './support/partners';
import { createStaff, type Staff } from './support/staff';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * Files agencies really send that the first import read wrongly: a sheet styled down to its last
 * row, the list on a second sheet, Excel error cells, Mac and Unix encodings, other formats, and
 * columns the import does not know.
 */
describe('partner import: odd files from the field', () => {
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
  const previewPage = (bytes: Buffer) =>
    browser.agent
      .post('/partners/import')
      .field('_csrf', browser.csrfToken)
      .field('step', 'preview')
      .attach('file', bytes, 'liste.csv');
  const names = (body: { rows: { partner: { name: string } }[] }) =>
    body.rows.map((r) => r.partner.name);
  const messages = (body: { errors: { message: string }[] }) => body.errors.map((e) => e.message);

  async function workbook(fill: (book: ExcelJS.Workbook) => void): Promise<Buffer> {
    const book = new ExcelJS.Workbook();
    fill(book);
    return Buffer.from(await book.xlsx.writeBuffer());
  }

  it('reads a sheet styled far below its list as its few filled rows', async () => {
    const base = await workbook((book) => {
      const sheet = book.addWorksheet('Partenaires');
      sheet.addRow(['Structure', 'Type', 'CP']);
      sheet.addRow(['Mission locale de Lens', 'Mission locale', 62300]);
      sheet.getCell('C2').numFmt = '00000';
      sheet.addRow(['PLIE de Lens', 'PLIE', 62300]);
    });
    // What Excel writes when whole columns are formatted: styled, empty rows below the list (down
    // to 1,048,576; the heap this takes is checked by src/partners/import/import-xlsx-memory.spec.ts).
    const zip = await JSZip.loadAsync(base);
    const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    const empty: string[] = [];
    for (let r = 4; r <= 100_000; r++) empty.push(`<row r="${r}" s="1"/>`);
    zip.file(
      'xl/worksheets/sheet1.xml',
      xml.replace('</sheetData>', `${empty.join('')}</sheetData>`),
    );
    const file = await zip.generateAsync({
      type: 'nodebuffer',
      compression: 'DEFLATE',
      compressionOptions: { level: 9 },
    });

    const dry = await importFile(file).expect(200);
    expect(dry.body.errors).toEqual([]);
    expect(names(dry.body)).toEqual(['Mission locale de Lens', 'PLIE de Lens']);
  }, 60_000);

  it('finds the list on a later sheet, fills merged cells and refuses Excel error cells', async () => {
    const file = await workbook((book) => {
      book.addWorksheet('Mode d’emploi').addRow(['Annuaire du réseau — mode d’emploi']);
      const sheet = book.addWorksheet('Partenaires');
      sheet.addRow(['Annuaire 2026']);
      sheet.mergeCells('A1:C1');
      sheet.addRow(['Structure', 'Type de structure', 'Courriel', 'SIRET']);
      sheet.addRow(['CCAS de Liévin', 'CCAS', 'ccas@lievin.example', '21620510900011']);
      sheet.addRow(['CCAS de Lens', null, 'ccas@lens.example', '']);
      sheet.mergeCells('B3:B4'); // one type for both rows, as people lay lists out
      sheet.addRow([
        'PLIE de Lens',
        'PLIE',
        { formula: 'VLOOKUP(A5,X:Y,2,0)', result: { error: '#N/A' } },
      ]);
    });
    const dry = await importFile(file).expect(200);
    expect(dry.body.ignoredColumns).toEqual(['SIRET']);
    expect(names(dry.body)).toEqual(['CCAS de Liévin', 'CCAS de Lens']);
    expect(dry.body.errors).toEqual([
      {
        row: 5,
        column: 'Courriel',
        code: 'partnersPages.import.error.excelError',
        message:
          'La cellule affiche une erreur Excel (#N/A) : corrigez la formule ou videz la cellule.',
      },
    ]);
    // An error cell never reaches the data: read as empty, it would clear the stored address.
    await importFile(file, true).expect(422);
    expect(await t.dataSource.getRepository(Partner).countBy({ name: 'PLIE de Lens' })).toBe(0);
  });

  it('takes the header below a row of group labels merged over several columns', async () => {
    const file = await workbook((book) => {
      const sheet = book.addWorksheet('Réseau');
      sheet.addRow(['Structure', null, null, 'Contact référent', null]);
      sheet.mergeCells('A1:C1');
      sheet.mergeCells('D1:E1');
      sheet.addRow([
        'Nom de la structure',
        'Type',
        'Ville',
        'Nom du contact',
        'Courriel du contact',
      ]);
      sheet.addRow(['CCAS de Liévin', 'CCAS', 'Liévin', 'Ana Roy', 'ana.roy@lievin.example']);
    });
    const dry = await importFile(file).expect(200);
    expect(dry.body.errors).toEqual([]);
    expect(names(dry.body)).toEqual(['CCAS de Liévin']);
  });

  it("skips hidden sheets: drop-down lists and last year's list", async () => {
    const file = await workbook((book) => {
      const lists = book.addWorksheet('Paramètres', { state: 'hidden' });
      lists.addRow(['Catégorie', 'Ville']);
      lists.addRow(['Association', 'Calais']);
      const old = book.addWorksheet('Liste 2019', { state: 'veryHidden' });
      old.addRow(['Nom', 'Type', 'Ville']);
      old.addRow(['ANPE Calais', 'Association', 'Calais']);
      const sheet = book.addWorksheet('Liste 2026');
      sheet.addRow(['Nom de la structure', 'Catégorie', 'Ville']);
      sheet.addRow(['France Travail Calais', 'Association', 'Calais']);
    });
    const dry = await importFile(file).expect(200);
    expect(dry.body.errors).toEqual([]);
    expect(names(dry.body)).toEqual(['France Travail Calais']);
  });

  it('reads Mac Roman, ISO-8859-15 and Windows text behind a wrong UTF-8 BOM as French', async () => {
    const text =
      'Structure;Type;Ville\r\nÉpicerie sociale « La Clé » – Cœur;Association;Liévin\r\n';
    const files: [Buffer, string][] = [
      [iconv.encode(text.replace('–', '-'), 'macintosh'), 'Épicerie sociale « La Clé » - Cœur'],
      [iconv.encode(text.replace('–', '-'), 'iso-8859-15'), 'Épicerie sociale « La Clé » - Cœur'],
      [
        Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), iconv.encode(text, 'windows-1252')]),
        'Épicerie sociale « La Clé » – Cœur',
      ],
    ];
    for (const [file, name] of files) {
      const dry = await importFile(file).expect(200);
      expect(dry.body.errors).toEqual([]);
      expect(names(dry.body)).toEqual([name]);
    }
  });

  it('names other formats instead of reading them as text', async () => {
    const ods = new JSZip();
    ods.file('mimetype', 'application/vnd.oasis.opendocument.spreadsheet');
    ods.file('content.xml', '<office:document-content/>');
    const cases: [Buffer, RegExp][] = [
      [
        Buffer.from('d0cf11e0a1b11ae1000000000000000000000000', 'hex'),
        /Ancien format Excel \(\.xls\)/,
      ],
      [await ods.generateAsync({ type: 'nodebuffer' }), /Classeur OpenDocument \(\.ods\)/],
      [
        Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(64, 0), Buffer.from('binary')]),
        /ni un tableau CSV ni un classeur/,
      ],
    ];
    for (const [file, message] of cases) {
      const response = await importFile(file).expect(200);
      expect(messages(response.body)).toEqual([expect.stringMatching(message)]);
      expect(response.body.rows).toEqual([]);
    }
  });

  it('knows the headers agencies write, leaves the others aside and names the file’s column', async () => {
    const file = Buffer.from(
      'Structure;Type;Mél;N° de téléphone;C.P.;Nom et prénom du référent;Portable;Courriel du référent;Observations\r\n' +
        'Mission locale de Béthune;Mission locale;ml@bethune.example;03 21 00 00 00;62400;Anne Roux;06 12 34 56 78;pas-une-adresse;à rappeler\r\n',
      'utf8',
    );
    const dry = await importFile(file).expect(200);
    expect(dry.body.ignoredColumns).toEqual(['Observations']);
    expect(dry.body.errors).toEqual([
      expect.objectContaining({ row: 2, column: 'Courriel du référent' }),
    ]);
    const page = await previewPage(file).expect(422);
    expect(page.text).toContain(
      'Colonne ignorée : « Observations ». Maillage ne connaît pas cette colonne : ses valeurs ne seront pas importées.',
    );
    expect(page.text).toContain('<td>2</td><td>Courriel du référent</td>');
  });

  it('joins "Prénom" and "Nom" into the contact’s name, unless a column gives it whole', async () => {
    const split = Buffer.from(
      'Structure;Type;Nom;Prénom;Courriel du contact\r\n' +
        'PLIE de Béthune;PLIE;Roux;Anne;anne.roux@plie.example\r\n',
      'utf8',
    );
    const dry = await importFile(split).expect(200);
    expect(dry.body.errors).toEqual([]);
    expect(dry.body.ignoredColumns).toEqual([]);
    expect(dry.body.rows[0].contact.fullName).toBe('Anne Roux');

    const whole = Buffer.from(
      'Nom de la structure;Type;Nom du contact;Prénom du contact;Contact\r\n' +
        'PLIE de Béthune;PLIE;Roux;Anne;Anne ROUX\r\n',
      'utf8',
    );
    const again = await importFile(whole).expect(200);
    expect(again.body.errors).toEqual([]);
    expect(again.body.ignoredColumns).toEqual(['Prénom du contact', 'Nom du contact']);
    expect(again.body.rows[0].contact.fullName).toBe('Anne ROUX');
  });

  it('reads a list of people’s "Téléphone" and "Mail" as each contact’s when they change within a partner', async () => {
    const people = Buffer.from(
      'Structure;Type;Nom;Prénom;Fonction;Téléphone;Mail\r\n' +
        'CCAS de Hénin;CCAS;Roux;Anne;Directrice;03 21 00 00 01;anne.roux@ccas-henin.example\r\n' +
        'CCAS de Hénin;CCAS;Dupont;Marc;Référent RSA;03 21 00 00 02;marc.dupont@ccas-henin.example\r\n' +
        'PLIE de Lens;PLIE;Leroy;Inès;Chargée de mission;03 21 00 00 03;ines.leroy@plie-lens.example\r\n',
      'utf8',
    );
    const dry = await importFile(people).expect(200);
    expect(dry.body.errors).toEqual([]);
    expect(dry.body.contactColumns).toEqual(['Mail', 'Téléphone']);
    expect(dry.body.rows.map((r: { contact: { email: string } }) => r.contact.email)).toEqual([
      'anne.roux@ccas-henin.example',
      'marc.dupont@ccas-henin.example',
      'ines.leroy@plie-lens.example',
    ]);
    const page = await previewPage(people).expect(200);
    expect(page.text).toContain(
      'Ce fichier nomme une personne par ligne : les colonnes « Mail », « Téléphone » sont lues comme les coordonnées de chaque contact',
    );
    await importFile(people, true).expect(200);
    const ccas = await t.dataSource
      .getRepository(Partner)
      .findOneByOrFail({ name: 'CCAS de Hénin' });
    expect([ccas.email, ccas.phone]).toEqual([null, null]);
    const contacts = await staff.api.get(`/api/partners/${ccas.id}/contacts`).expect(200);
    expect(
      contacts.body.items.map((c: { fullName: string; phone: string }) => [c.fullName, c.phone]),
    ).toEqual([
      ['Anne Roux', '03 21 00 00 01'],
      ['Marc Dupont', '03 21 00 00 02'],
    ]);

    // One value per partner on every row: the partner's, as in the export.
    const partners = Buffer.from(
      'Structure;Type;Contact;Téléphone\r\n' +
        'Mission locale de Liévin;Mission locale;Anne Roux;03 21 44 00 00\r\n' +
        'Mission locale de Liévin;Mission locale;Marc Dupont;03 21 44 00 00\r\n',
      'utf8',
    );
    const same = await importFile(partners, true).expect(200);
    expect(same.body.contactColumns).toEqual([]);
    const lievin = await t.dataSource
      .getRepository(Partner)
      .findOneByOrFail({ name: 'Mission locale de Liévin' });
    expect(lievin.phone).toBe('03 21 44 00 00');
  });

  it('reads a list of one referent per partner (Civilité, Nom, Prénom) as people: the partner’s own address stays', async () => {
    await importFile(
      Buffer.from(
        'Structure;Type;Courriel;Téléphone\r\n' +
          'Mission locale d’Orly;Mission locale;contact@ml-orly.example;01 48 00 00 00\r\n',
        'utf8',
      ),
      true,
    ).expect(200);
    const referents = Buffer.from(
      'Structure;Type;Civilité;Nom;Prénom;Fonction;Téléphone;Mail\r\n' +
        'Mission locale d’Orly;Mission locale;M.;NDIAYE;Moussa;Conseiller;06 12 34 56 78;moussa.ndiaye@ml-orly.example\r\n' +
        'PLIE d’Orly;PLIE;Mme;Roux;Anne;Chargée de mission;06 00 00 00 01;anne.roux@plie-orly.example\r\n',
      'utf8',
    );
    const dry = await importFile(referents).expect(200);
    expect(dry.body.errors).toEqual([]);
    expect(dry.body.contactColumns).toEqual(['Mail', 'Téléphone']);
    await importFile(referents, true).expect(200);
    const orly = await t.dataSource
      .getRepository(Partner)
      .findOneByOrFail({ name: 'Mission locale d’Orly' });
    expect([orly.email, orly.phone]).toEqual(['contact@ml-orly.example', '01 48 00 00 00']);
    const contacts = await staff.api.get(`/api/partners/${orly.id}/contacts`).expect(200);
    expect(
      contacts.body.items.map((c: { fullName: string; email: string; phone: string }) => [
        c.fullName,
        c.email,
        c.phone,
      ]),
    ).toEqual([['Moussa NDIAYE', 'moussa.ndiaye@ml-orly.example', '06 12 34 56 78']]);
  });

  it('finds a partner typed with a hyphen for its dash or a space for its hyphen, renames nothing, and finds a person named without an email', async () => {
    await importFile(
      Buffer.from(
        'Structure;Type;Contact;Courriel du contact\r\n' +
          'France Travail — agence de Vitry-sur-Seine;France Travail;Fatou Diop;fatou.diop@ft.example\r\n' +
          'Maison de l’emploi Grand-Orly;Maison de l’emploi;;\r\n',
        'utf8',
      ),
      true,
    ).expect(200);
    const retyped = Buffer.from(
      'Structure;Type;Nom;Prénom;Téléphone du contact\r\n' +
        'FRANCE TRAVAIL - Agence de Vitry sur Seine;France Travail;DIOP;Fatou;06 11 22 33 44\r\n' +
        "Maison de l'emploi Grand Orly;Maison de l’emploi;;;\r\n",
      'utf8',
    );
    const dry = await importFile(retyped).expect(200);
    expect(dry.body.errors).toEqual([]);
    expect(dry.body.summary).toMatchObject({
      partners: { create: 0, update: 0, unchanged: 2 },
      contacts: { create: 0, update: 1 },
    });
    await importFile(retyped, true).expect(200);
    const agency = await t.dataSource
      .getRepository(Partner)
      .findOneByOrFail({ name: 'France Travail — agence de Vitry-sur-Seine' });
    const contacts = await staff.api.get(`/api/partners/${agency.id}/contacts`).expect(200);
    expect(
      contacts.body.items.map((c: { fullName: string; email: string; phone: string }) => [
        c.fullName,
        c.email,
        c.phone,
      ]),
    ).toEqual([['Fatou Diop', 'fatou.diop@ft.example', '06 11 22 33 44']]);
  });

  it('reads a partner’s details given on its first row only, the next rows of the partner left blank', async () => {
    const once = Buffer.from(
      'Structure;Type;Ville;Téléphone;Contact\r\n' +
        'Mission locale de Douai;Mission locale;Douai;03 27 00 00 00;Anne Roux\r\n' +
        'Mission locale de Douai;;;;Marc Petit\r\n' +
        'Mission locale de Douai;;;;Inès Leroy\r\n',
      'utf8',
    );
    const dry = await importFile(once).expect(200);
    expect(dry.body.errors).toEqual([]);
    expect(dry.body.contactColumns).toEqual([]);
    await importFile(once, true).expect(200);
    const douai = await t.dataSource
      .getRepository(Partner)
      .findOneByOrFail({ name: 'Mission locale de Douai' });
    expect([douai.kind, douai.territory, douai.phone]).toEqual([
      'mission-locale',
      'Douai',
      '03 27 00 00 00',
    ]);
    const contacts = await staff.api.get(`/api/partners/${douai.id}/contacts`).expect(200);
    expect(contacts.body.items).toHaveLength(3);
  });

  it('keeps a stored postcode whose leading 0 a spreadsheet dropped', async () => {
    const gex = (postcode: string) =>
      Buffer.from(
        `Structure;Type;Code postal\r\nMission locale de Gex;Mission locale;${postcode}\r\n`,
        'utf8',
      );
    await importFile(gex('01170'), true).expect(200);
    const again = await importFile(gex('1170')).expect(200);
    expect(again.body.summary.partners).toMatchObject({ update: 0, unchanged: 1 });
    const stored = await t.dataSource
      .getRepository(Partner)
      .findOneByOrFail({ name: 'Mission locale de Gex' });
    expect(stored.postcode).toBe('01170');
  });

  it('updates known partners from a file without a Type column, and asks the type of a new one', async () => {
    await importFile(Buffer.from('Structure;Type\r\nCCAS de Liévin;CCAS\r\n', 'utf8'), true).expect(
      200,
    );
    const phones = Buffer.from(
      'Structure;Téléphone\r\nCCAS de Liévin;03 21 00 00 09\r\nCCAS de Nulle Part;03 21 00 00 10\r\n',
      'utf8',
    );
    const refused = await importFile(phones).expect(200);
    expect(refused.body.errors).toMatchObject([
      {
        row: 3,
        column: 'Type',
        message:
          'Indiquez le type de ce nouveau partenaire : le répertoire ne le connaît pas encore.',
      },
    ]);
    const known = Buffer.from('Structure;Téléphone\r\nCCAS de Liévin;03 21 00 00 09\r\n', 'utf8');
    await importFile(known, true).expect(200);
    const lievin = await t.dataSource
      .getRepository(Partner)
      .findOneByOrFail({ name: 'CCAS de Liévin' });
    expect([lievin.kind, lievin.phone]).toEqual(['social-services', '03 21 00 00 09']);
  });

  it('reads a site written without its protocol, as lists write them', async () => {
    const file = Buffer.from(
      'Structure;Type;Site internet\r\nMaison de l’emploi du Bugey;Maison de l’emploi;www.mde-bugey.fr\r\n',
      'utf8',
    );
    const dry = await importFile(file).expect(200);
    expect(dry.body.errors).toEqual([]);
    await importFile(file, true).expect(200);
    const bugey = await t.dataSource
      .getRepository(Partner)
      .findOneByOrFail({ name: 'Maison de l’emploi du Bugey' });
    expect(bugey.website).toBe('https://www.mde-bugey.fr');
    // The same file again changes nothing.
    expect((await importFile(file).expect(200)).body.summary.partners).toMatchObject({
      unchanged: 1,
    });
  });

  it('finds a partner typed with another apostrophe or without the œ ligature', async () => {
    const existing = Buffer.from(
      'Structure;Type\r\nMission locale du Pays d’Arles;Mission locale\r\n' +
        'Régie de quartier Cœur de Ville;Association\r\n' +
        "Centre social de l’Îlot d'Or;Centre social\r\n",
      'utf8',
    );
    await importFile(existing, true).expect(200);
    const retyped = Buffer.from(
      "Structure;Type;Ville\r\nMission locale du Pays d'Arles;Mission locale;Arles\r\n" +
        'Regie de quartier Coeur de Ville;Association;Lens\r\n' +
        'Centre social de l’Îlot d’Or;Centre social;Arles\r\n',
      'utf8',
    );
    const dry = await importFile(retyped).expect(200);
    expect(dry.body.errors).toEqual([]);
    expect(dry.body.rows.map((r: { partner: { action: string } }) => r.partner.action)).toEqual([
      'update',
      'update',
      'update',
    ]);
    expect(dry.body.summary.partners.create).toBe(0);
  });

  it('knows the kinds of structure French lists name', async () => {
    const kinds = ['ACI', 'Cap emploi', 'GRETA', 'Conseil départemental', 'Centre social'];
    kinds.push('Communauté de communes', 'ETTI', 'GEIQ', 'Entreprise adaptée', 'CFA', 'E2C');
    // The labels older exports wrote, read back after their renaming.
    kinds.push('CPAS / services sociaux', 'Centre de formation / CISP', 'Agence (nous)');
    const file = Buffer.from(
      ['Structure;Type', ...kinds.map((kind, i) => `Structure ${i};${kind}`)].join('\r\n'),
      'utf8',
    );
    const dry = await importFile(file).expect(200);
    expect(dry.body.errors).toEqual([]);
    expect(dry.body.rows).toHaveLength(kinds.length);
    await importFile(file, true).expect(200);
    const aci = await t.dataSource.getRepository(Partner).findOneByOrFail({ name: 'Structure 0' });
    expect(aci.kind).toBe('social-economy');
  });

  it('reads quotes inside a cell that the file did not quote, as Excel shows them', async () => {
    const file = Buffer.from('Nom;Type\r\nAssociation "Les Amis";Association\r\n', 'utf8');
    const dry = await importFile(file).expect(200);
    expect(dry.body.errors).toEqual([]);
    expect(names(dry.body)).toEqual(['Association "Les Amis"']);
  });

  it('numbers rows as the spreadsheet shows them, blank lines and multi-line cells included', async () => {
    const file = Buffer.from(
      'Annuaire\r\n\r\nNom;Type;Adresse\r\nA;Association;"1 rue Haute\r\n62300 Lens"\r\n\r\nB;Boulangerie;\r\n',
      'utf8',
    );
    const dry = await importFile(file).expect(200);
    expect(dry.body.errors).toEqual([expect.objectContaining({ row: 6, column: 'Type' })]);
  });
});
