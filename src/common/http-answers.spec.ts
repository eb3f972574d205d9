import contentDisposition from 'content-disposition';
import type { Response } from 'express';
import { asciiFileName, offerFile } from './http-answers';

/** The Content-Disposition offerFile writes, read back as a client does. */
function offered(fileName: string, type?: 'attachment' | 'inline') {
  const headers = new Map<string, string>();
  offerFile(
    { setHeader: (name: string, value: string) => headers.set(name, value) } as unknown as Response,
    fileName,
    type,
  );
  const header = headers.get('Content-Disposition')!;
  return { header, parsed: contentDisposition.parse(header) };
}

describe('offerFile', () => {
  it('sends a Latin-1 name as UTF-8 beside an ASCII fallback, never raw', () => {
    const { header, parsed } = offered('Feuille d’émargement — Réunion été.pdf', 'inline');
    expect(header).toMatch(
      /^inline; filename="Feuille d'emargement - Reunion ete\.pdf"; filename\*=UTF-8''/,
    );
    expect(parsed.parameters.filename).toBe('Feuille d’émargement — Réunion été.pdf');
    // Only "émargement": Latin-1 throughout, which Express wrote as raw bytes.
    expect(offered('émargement.pdf').header).toContain("filename*=UTF-8''%C3%A9margement.pdf");
    expect(/[^\x20-\x7e]/.test(offered('émargement.pdf').header)).toBe(false);
  });

  it('keeps a plain ASCII name as it is, with no second form', () => {
    expect(offered('partenaires.csv').header).toBe('attachment; filename="partenaires.csv"');
  });

  it('spells French letters and signs in ASCII for the fallback', () => {
    expect(asciiFileName('Cœur « Œuvre » Ærø straße 12 %')).toBe(
      'Coeur " OEuvre " AEr_ strasse 12 %',
    );
    expect(asciiFileName('文书.pdf')).toBe('__.pdf');
  });
});
