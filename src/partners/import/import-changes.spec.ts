import { same } from './import-changes';

describe('same', () => {
  it('takes lines ended by CRLF (a browser’s text area) and by LF (a workbook) as the same text', () => {
    expect(same('Accueil\r\nAteliers\r\n', 'Accueil\nAteliers\n')).toBe(true);
    expect(same('Accueil\nAteliers', 'Accueil\nAteliers!')).toBe(false);
    expect(same(null, undefined)).toBe(true);
    expect(same(null, '')).toBe(false);
    expect(same('a\\r\\nb', 'a\\nb')).toBe(false); // backslashes typed as text stay text
  });
});
