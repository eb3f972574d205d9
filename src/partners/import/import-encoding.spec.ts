import iconv from 'iconv-lite';
import { decodeText } from './import-encoding';

describe('the encoding of an uploaded text file', () => {
  it('reads Windows text holding Word bullets as Windows-1252, not Mac Roman', () => {
    const text =
      'Nom;Type;Ville;Services\r\n' +
      'Association Solidarité Emploi;Association;Nîmes;"• Accueil\n• Permanences\n• Ateliers numériques\n• Soutien scolaire"\r\n' +
      'Centre social Les Tilleuls;Centre social;Alès;"• Chantiers\n• Repair café"\r\n';
    const decoded = decodeText(iconv.encode(text, 'windows-1252'));
    expect(decoded.encoding).toBe('windows-1252');
    expect(decoded.text).toBe(text);
  });

  it('reads a list written in capitals as Windows-1252, not Mac Roman', () => {
    const text =
      'NOM;TYPE;VILLE;NOM DU CONTACT\r\n' +
      'SECOURS POPULAIRE FRANÇAIS;ASSOCIATION;ALENÇON;FRANÇOISE MARTIN\r\n' +
      'MISSION LOCALE;MISSION LOCALE;ÉVREUX;ÉLODIE PETIT\r\n' +
      'CCAS;CCAS;CRÉTEIL;LOÏC NOËL\r\n' +
      'PLIE;PLIE;SAINT-ÉTIENNE;JOËL HÉLÈNE\r\n';
    expect(decodeText(iconv.encode(text, 'windows-1252'))).toEqual({
      text,
      encoding: 'windows-1252',
    });
    // And in Mac Roman, as Mac Roman.
    expect(decodeText(iconv.encode(text, 'macintosh'))).toEqual({ text, encoding: 'macintosh' });
  });

  it('still reads Mac Roman as Mac Roman', () => {
    const text = 'Nom;Ville\r\nÉpicerie « La Clé »;Liévin\r\nRégie Cœur de ville;Nîmes\r\n';
    expect(decodeText(iconv.encode(text, 'macintosh'))).toEqual({ text, encoding: 'macintosh' });
  });
});

describe('a UTF-8 file with lines of another encoding pasted in', () => {
  it('reads each line in its own encoding', () => {
    const utf8 = Buffer.from('Nom;Type;Ville\r\nCCAS de Nîmes;CCAS;Nîmes\r\n', 'utf8');
    const windows = iconv.encode(
      'Maison de l’emploi d’Alès;Maison de l’emploi;Alès\r\n',
      'windows-1252',
    );
    const decoded = decodeText(Buffer.concat([utf8, windows]));
    expect(decoded.text).toBe(
      'Nom;Type;Ville\r\nCCAS de Nîmes;CCAS;Nîmes\r\nMaison de l’emploi d’Alès;Maison de l’emploi;Alès\r\n',
    );
  });
});
