import { detectDelimiter, readTable } from './import-table';
import { neutralise, unneutralise } from '../../common/csv';
import { cellValue, columnOf } from './partners-csv';

describe('formula neutralisation', () => {
  it.each(['=1+1', '+32 56 00 00 00', '-3.1', '@SUM(A1)', '\tx', '\rx', "'=x", "''"])(
    'neutralises %j and undoes it',
    (cell) => {
      expect(neutralise(cell)).toBe(`'${cell}`);
      expect(unneutralise(neutralise(cell))).toBe(cell);
    },
  );
  it.each(['Forem', "'t Kasteeltje", '', '3.1', "l'emploi"])('leaves %j alone', (cell) => {
    expect(neutralise(cell)).toBe(cell);
    expect(unneutralise(cell)).toBe(cell);
  });
});

describe('detectDelimiter', () => {
  it('takes whichever of ;, "," and tab the header uses most', () => {
    expect(detectDelimiter('Nom;Type;Contact\r\na,b;c;d')).toBe(';');
    expect(detectDelimiter('Nom,Type,Contact\na;b,c,d')).toBe(',');
    expect(detectDelimiter('Nom\tType\tVille, quartier\na;b\tc')).toBe('\t');
    expect(detectDelimiter('Annuaire\r\nNom;Type')).toBe(';');
    expect(detectDelimiter('Nom')).toBe(';');
  });

  it('takes the separator that makes a header of known columns, whatever a title above it holds', () => {
    expect(
      detectDelimiter(
        'Annuaire des partenaires, mise à jour du 3 mars, version 2\r\nNom;Type;Ville\r\na;b;c',
      ),
    ).toBe(';');
    expect(
      detectDelimiter('Structure\tContact, nom et prénom\tVille, quartier\tCourriel\na\tb\tc\td'),
    ).toBe('\t');
  });
});

describe('cellValue', () => {
  it('reads numbers with a dot or a comma, yes/no in French or English', () => {
    expect(cellValue('50,7654', columnOf('partner', 'latitude'))).toBe(50.7654);
    expect(cellValue('north', columnOf('partner', 'latitude'))).toBe('north');
    expect(cellValue('Oui', columnOf('contact', 'newsletterConsent'))).toBe(true);
    expect(cellValue('no', columnOf('contact', 'newsletterConsent'))).toBe(false);
    expect(cellValue('', columnOf('contact', 'newsletterConsent'))).toBeUndefined();
    expect(cellValue('', columnOf('partner', 'services'))).toBeNull();
  });
});

describe('readTable', () => {
  it('reads a BOM-prefixed ; file with French headers in any case or accents', async () => {
    const file = Buffer.from(
      "\uFEFFnom;TYPE;contact email;Contact telephone\r\nA;plie;a@b.c;'+32 1\r\n",
    );
    const { records, problems } = await readTable(file);
    expect(problems).toEqual([]);
    expect(records).toEqual([
      { row: 2, partner: { name: 'A', kind: 'plie' }, contact: { email: 'a@b.c', phone: '+32 1' } },
    ]);
  });
  it('leaves unknown columns aside and names the missing name column', async () => {
    const { problems, ignoredColumns } = await readTable(Buffer.from('Nom,Couleur\nA,bleu\n'));
    expect(ignoredColumns).toEqual(['Couleur']);
    // No type: a file may update the partners the directory has (new ones are refused later).
    expect(problems).toEqual([]);
    const nameless = await readTable(Buffer.from('Type,Ville\nCCAS,Lens\n'));
    expect(nameless.problems).toMatchObject([
      { row: 1, column: 'Nom', text: { key: 'partnersPages.import.error.requiredColumn' } },
    ]);
  });
  it('names a column given twice, and both columns that mean the same', async () => {
    const twice = await readTable(Buffer.from('Nom;Type;nom\r\nA;plie;B\r\n'));
    expect(twice.problems).toMatchObject([
      { row: 1, column: 'nom', text: { key: 'partnersPages.import.error.duplicateColumn' } },
    ]);
    const same = await readTable(Buffer.from('Nom;Type;Structure\r\nA;plie;B\r\n'));
    expect(same.problems).toMatchObject([
      {
        row: 1,
        column: 'Structure',
        text: {
          key: 'partnersPages.import.error.sameColumn',
          params: { first: 'Nom', name: 'Structure' },
        },
      },
    ]);
  });
  it('gives back the leading 0 that a spreadsheet drops from a phone stored as a number', async () => {
    const { records } = await readTable(
      Buffer.from(
        'Nom;Type;Téléphone;Téléphone du contact\r\n' +
          'A;ccas;321000001;612345678\r\n' +
          'B;ccas;0321000002;+33 6 12 34 56 78\r\n' +
          'C;ccas;470123456;15\r\n',
      ),
    );
    expect(records.map((r) => [r.partner.phone, r.contact.phone])).toEqual([
      ['0321000001', '0612345678'],
      ['0321000002', '+33 6 12 34 56 78'],
      ['0470123456', '15'],
    ]);
  });
  it('reads further phone columns (office, then mobile) when the first is empty', async () => {
    const { problems, records } = await readTable(
      Buffer.from(
        'Société;Type;Nom du contact;Business Phone;Mobile Phone\r\n' +
          'CCAS de Lens;ccas;Ana Roy;03 21 00 00 01;06 00 00 00 01\r\n' +
          'CCAS de Lens;ccas;Léo Roy;;06 00 00 00 02\r\n',
      ),
    );
    expect(problems).toEqual([]);
    expect(records.map((r) => r.contact.phone)).toEqual(['03 21 00 00 01', '06 00 00 00 02']);
  });
  it('reads Windows-1252 when the bytes are not UTF-8', async () => {
    const { records } = await readTable(
      Buffer.from([0x4e, 0x6f, 0x6d, 0x3b, 0x54, 0x79, 0x70, 0x65, 0x0a, 0xe9, 0x3b, 0x80, 0x0a]),
    );
    expect(records[0].partner).toEqual({ name: 'é', kind: '€' });
  });
  it('finds the header below a title, with French synonyms', async () => {
    const file = Buffer.from(
      'Annuaire 2026\r\n\r\nStructure;Catégorie;CP;Tél.;Courriel;Interlocuteur\r\nA;CCAS;59000;03;a@b.c;Léa\r\n',
    );
    const { records, problems } = await readTable(file);
    expect(problems).toEqual([]);
    expect(records).toEqual([
      {
        row: 4, // as the sheet shows it: the blank line counts
        partner: { name: 'A', kind: 'CCAS', postcode: '59000', phone: '03', email: 'a@b.c' },
        contact: { fullName: 'Léa' },
      },
    ]);
  });
  it('reads an address book exported from Outlook (French or English headers)', async () => {
    for (const header of [
      'Prénom;Nom;Société;Fonction;Adresse de messagerie;Téléphone (bureau);Type',
      'First Name;Last Name;Company;Job Title;E-mail Address;Business Phone;Type',
    ]) {
      const { records, problems, ignoredColumns } = await readTable(
        Buffer.from(
          `${header}\r\nAnne;Roux;CCAS de Lens;Directrice;a.roux@ccas.example;03 21;CCAS\r\n`,
        ),
      );
      expect([problems, ignoredColumns]).toEqual([[], []]);
      expect(records[0]).toMatchObject({
        partner: { name: 'CCAS de Lens', kind: 'CCAS' },
        contact: {
          fullName: 'Anne Roux',
          jobTitle: 'Directrice',
          email: 'a.roux@ccas.example',
          phone: '03 21',
        },
      });
    }
  });
});
