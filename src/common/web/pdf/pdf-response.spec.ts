import { pdfFileName } from './pdf-response';

describe('pdfFileName', () => {
  const minutes = (title: string) => `Compte rendu — ${title} — 2026-11-10 (v2)`;

  it('keeps a short title whole, with what identifies the file', () => {
    expect(pdfFileName('Comité emploi', minutes)).toBe(
      'Compte rendu — Comité emploi — 2026-11-10 (v2).pdf',
    );
    expect(pdfFileName('Rapport : 2026/03')).toBe('Rapport 2026 03.pdf');
    expect(pdfFileName('')).toBe('document.pdf');
  });

  it('shortens a long title at a word, never the date and version after it', () => {
    const title =
      'Réunion plénière annuelle des partenaires de l’emploi, de l’insertion et de la formation ' +
      'professionnelle du bassin de Seine-Amont, avec les entreprises du territoire et les élus';
    const v1 = pdfFileName(title, (t) => `Compte rendu — ${t} — 2026-11-10 (v1)`);
    const v2 = pdfFileName(title, minutes);
    expect(v1).not.toBe(v2);
    expect(v2).toMatch(/^Compte rendu — Réunion plénière annuelle .*\w… — 2026-11-10 \(v2\)\.pdf$/);
    expect([...new Intl.Segmenter().segment(v2.slice(0, -4))].length).toBeLessThanOrEqual(120);
  });
});
