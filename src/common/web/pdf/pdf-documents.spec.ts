import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readPdf } from '../../../../test/support/pdf';
import { FixedClock } from '../../clock';
import { AppConfig } from '../../../config/app-config';
import { ViewService } from '../view.service';
import { OwnAgency } from './own-agency';
import { PdfDocuments } from './pdf-documents';

// A 1×1 transparent PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

function documents(env: Record<string, string> = {}): PdfDocuments {
  const config = new AppConfig({ NODE_ENV: 'test', AGENCY_NAME: 'ADL de l’Œise', ...env });
  return new PdfDocuments(
    config,
    new ViewService(config),
    new FixedClock(new Date('2026-03-12T10:00:00Z')),
    new OwnAgency(config),
  );
}

const longContent = (rows: number) => [
  { text: 'Réunion « Cœur de réseau »', style: 'title' },
  {
    table: {
      headerRows: 1,
      widths: ['*', 80],
      body: [
        [
          { text: 'Nom', style: 'tableHeader' },
          { text: 'Coût', style: 'tableHeader' },
        ],
        ...Array.from({ length: rows }, (_, i) => [`Éloïse Lœvenbrück ${i + 1}`, '12,50 €']),
      ],
    },
  },
];

describe('PdfDocuments', () => {
  it('prints every French glyph, the agency on every page, page n / N and the date of issue', async () => {
    const bytes = await documents().buffer({ title: 'Émargement', content: longContent(120) });
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.includes('/FontFile2')).toBe(true); // the font is embedded
    const pdf = await readPdf(bytes);
    expect(pdf.title).toBe('Émargement');
    expect(pdf.pageCount).toBeGreaterThan(1);
    pdf.pages.forEach((page, i) => {
      expect(page).toContain('ADL de l’Œise');
      expect(page).toContain(`Page ${i + 1} / ${pdf.pageCount}`);
      expect(page).toContain('Édité le jeudi 12 mars 2026');
      expect(page).toContain('Nom'); // the table's header row repeats
    });
    expect(pdf.text).toContain('Réunion « Cœur de réseau »');
    expect(pdf.text).toContain('Éloïse Lœvenbrück 120');
    expect(pdf.text).toContain('12,50 €');
  });

  it('prints the logo when one is configured, and refuses a file that is not an image', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'maillage-logo-'));
    writeFileSync(join(dir, 'logo.png'), PNG);
    writeFileSync(join(dir, 'logo.jpg'), 'MZ\x90\x00 not an image');
    const withLogo = await documents({ AGENCY_LOGO: join(dir, 'logo.png') }).buffer({
      title: 'Logo',
      content: ['Bonjour'],
    });
    expect(withLogo.includes('/Subtype /Image')).toBe(true);
    const without = await documents().buffer({ title: 'Logo', content: ['Bonjour'] });
    expect(without.includes('/Subtype /Image')).toBe(false);
    expect(() => documents({ AGENCY_LOGO: join(dir, 'logo.jpg') })).toThrow(/AGENCY_LOGO/);
    expect(() => documents({ AGENCY_LOGO: join(dir, 'missing.png') })).toThrow(/AGENCY_LOGO/);
  });

  it('never leaves a heading, or a table’s header row, at the foot of a page', async () => {
    // Whatever the text above, the heading lands on the page of its table's first row.
    for (let lines = 40; lines <= 56; lines += 2) {
      const bytes = await documents().buffer({
        title: 'Bilan',
        content: [
          ...Array.from({ length: lines }, (_, i) => `Ligne de texte ${i + 1}`),
          { text: 'Participation par type', style: 'heading' },
          {
            table: {
              headerRows: 1,
              dontBreakRows: true,
              body: [
                [{ text: 'En-tête', style: 'tableHeader' }, 'Valeur'],
                ...Array.from({ length: 6 }, (_, i) => [`Rangée ${i + 1}`, String(i)]),
              ],
            },
          },
        ],
      });
      const pages = (await readPdf(bytes)).pages;
      const heading = pages.findIndex((page) => page.includes('Participation par type'));
      expect({ lines, page: pages.findIndex((page) => page.includes('Rangée 1')) }).toEqual({
        lines,
        page: heading,
      });
      expect(pages[heading]).toContain('En-tête');
    }
  });

  it('keeps every row of a heading’s table taller than a page, and a long first row after its header', async () => {
    const long = 'Accompagnement renforcé vers l’emploi durable. '.repeat(60);
    const bytes = await documents().buffer({
      title: 'Bilan',
      content: [
        { text: 'Grand tableau', style: 'heading' },
        {
          table: {
            headerRows: 1,
            dontBreakRows: true,
            widths: [60, '*'],
            body: [
              [
                { text: 'N°', style: 'tableHeader' },
                { text: 'Texte', style: 'tableHeader' },
              ],
              ['1', long.repeat(3)],
              ...Array.from({ length: 80 }, (_, i) => [
                String(i + 2),
                `Rangée ${i + 2} ${long.slice(0, 200)}`,
              ]),
            ],
          },
        },
        { text: 'Long texte', style: 'heading' },
        long.repeat(3),
      ],
    });
    const text = (await readPdf(bytes)).text.replace(/\s+/g, ' ');
    // pdfmake drops a block kept whole that is taller than a page: nothing may be lost.
    expect(text).toContain('Rangée 81');
    expect(text).toContain('Rangée 2 ');
    expect(text.split('Accompagnement renforcé').length - 1).toBeGreaterThan(180 + 80 + 170);
  });

  it('prints a row taller than a page across pages, where a table keeps its rows whole', async () => {
    const notes = Array.from({ length: 400 }, (_, i) => `Note ${i + 1} sur l’accompagnement.`);
    const bytes = await documents().buffer({
      title: 'Données personnelles',
      content: [
        {
          table: {
            dontBreakRows: true,
            widths: [120, '*'],
            body: [
              ['Nom', 'Zoé Martin'],
              ['Notes', notes.join(' ')],
              ['Téléphone', '01 23 45 67 89'],
            ],
          },
        },
      ],
    });
    const text = (await readPdf(bytes)).text.replace(/\s+/g, ' ');
    // pdfmake dropped the row it could not fit on one page: the notes vanished.
    expect(text).toContain('Note 1 sur l’accompagnement.');
    expect(text).toContain('Note 400 sur l’accompagnement.');
    expect(text).toContain('01 23 45 67 89');
  });
});
