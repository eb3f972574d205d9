import {
  cellValue,
  columnOf,
  detectDelimiter,
  neutralise,
  readCsv,
  unneutralise,
} from './partners-csv';

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
  it('takes whichever of ; and , the header uses more', () => {
    expect(detectDelimiter('Nom;Type;Contact\r\na,b;c;d')).toBe(';');
    expect(detectDelimiter('Nom,Type,Contact\na;b,c,d')).toBe(',');
    expect(detectDelimiter('Nom')).toBe(';');
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

describe('readCsv', () => {
  it('reads a BOM-prefixed ; file with French headers in any case or accents', () => {
    const file = Buffer.from(
      "\uFEFFnom;TYPE;contact email;Contact telephone\r\nA;plie;a@b.c;'+32 1\r\n",
    );
    const { records, problems } = readCsv(file);
    expect(problems).toEqual([]);
    expect(records).toEqual([
      { row: 2, partner: { name: 'A', kind: 'plie' }, contact: { email: 'a@b.c', phone: '+32 1' } },
    ]);
  });
  it('names unknown and missing columns', () => {
    const { problems } = readCsv(Buffer.from('Nom,Couleur\nA,bleu\n'));
    expect(problems).toEqual([
      { row: 1, column: 'Couleur', message: 'Unknown column "Couleur"' },
      { row: 1, column: 'Type', message: 'The column "Type" is required' },
    ]);
  });
  it('names a column given twice', () => {
    const { problems } = readCsv(Buffer.from('Nom;Type;name\r\nA;plie;B\r\n'));
    expect(problems).toEqual([
      { row: 1, column: 'name', message: 'The column "name" appears twice' },
    ]);
  });
  it('refuses text that is not UTF-8', () => {
    const { problems } = readCsv(Buffer.from([0x4e, 0x6f, 0x6d, 0x3b, 0xe9, 0x0a]));
    expect(problems[0].message).toMatch(/not UTF-8/);
  });
});
