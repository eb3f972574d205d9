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

  it('still reads Mac Roman as Mac Roman', () => {
    const text = 'Nom;Ville\r\nÉpicerie « La Clé »;Liévin\r\nRégie Cœur de ville;Nîmes\r\n';
    expect(decodeText(iconv.encode(text, 'macintosh'))).toEqual({ text, encoding: 'macintosh' });
  });
});
