import { Injectable } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Readable } from 'node:stream';
import type { Column, Content, StyleDictionary, TDocumentDefinitions } from 'pdfmake/interfaces';
import { Clock } from '../../clock';
import { fileKindOf, MEDIA_TYPES } from '../../file-signature';
import { AppConfig } from '../../../config/app-config';
import { formatLongDate } from '../format';
import { OwnAgency } from './own-agency';
import { ViewService } from '../view.service';
import { breakTallRows, printableContent, printableText, textLength } from './pdf-text';

/** Roboto (Apache 2.0), shipped with pdfmake: every French glyph (é, œ, « », €, ’) is in it. */
const FONT_FILE = require.resolve('pdfmake/fonts/Roboto.js');
const FONT_DIR = dirname(FONT_FILE);

type Pdfmake = typeof import('pdfmake');
let pdfmakeLoaded: Pdfmake | undefined;
let fontHasGlyph: ((codePoint: number) => boolean) | undefined;

/** The little of fontkit (pdfkit's font reader) used here. */
interface FontFile {
  hasGlyphForCodePoint(codePoint: number): boolean;
}

/** Whether the documents' font prints a character, read from the font once (fontkit, as pdfkit). */
function hasGlyph(codePoint: number): boolean {
  if (!fontHasGlyph) {
    const fontkit = require('fontkit') as { openSync(path: string): FontFile };
    const font = fontkit.openSync(`${FONT_DIR}/Roboto/Roboto-Regular.ttf`);
    const known = new Map<number, boolean>();
    fontHasGlyph = (point: number): boolean => {
      let has = known.get(point);
      if (has === undefined) {
        has = font.hasGlyphForCodePoint(point);
        known.set(point, has);
      }
      return has;
    };
  }
  return fontHasGlyph(codePoint);
}

/**
 * pdfmake, with pdfkit and fontkit, holds some 30 MB once loaded: it is required with the first
 * document rather than at start, so an instance that serves pages only never carries it.
 */
function loadPdfmake(): Pdfmake {
  if (pdfmakeLoaded) return pdfmakeLoaded;
  const pdfmake = require('pdfmake') as Pdfmake;
  pdfmake.setFonts({
    Roboto: {
      normal: `${FONT_DIR}/Roboto/Roboto-Regular.ttf`,
      bold: `${FONT_DIR}/Roboto/Roboto-Medium.ttf`,
      italics: `${FONT_DIR}/Roboto/Roboto-Italic.ttf`,
      bolditalics: `${FONT_DIR}/Roboto/Roboto-MediumItalic.ttf`,
    },
  });
  // Documents embed nothing from the network, and from the disk only the fonts.
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((path) => path.startsWith(FONT_DIR));
  return (pdfmakeLoaded = pdfmake);
}

export interface PdfSpec {
  /** The PDF's title (document information) and the first heading's text. */
  title: string;
  subject?: string;
  content: Content[];
  pageOrientation?: 'portrait' | 'landscape';
  /**
   * "Page n / N" at the foot (the default); false for a file of one-page documents handed to
   * different people (every certificate of a meeting), where "Page 37 / 98" would be wrong.
   */
  pageNumbers?: boolean;
  /** The agency's name, when the caller has read it already (OwnAgency), else read here. */
  agency?: string;
}

/** The shared styles a document's content names (`style: 'heading'`). */
export const PDF_STYLES: StyleDictionary = {
  title: { fontSize: 17, bold: true, margin: [0, 0, 0, 6] },
  subtitle: { fontSize: 11, color: '#444444', margin: [0, 0, 0, 12] },
  heading: { fontSize: 13, bold: true, margin: [0, 12, 0, 6] },
  subheading: { fontSize: 11, bold: true, margin: [0, 8, 0, 3] },
  tableHeader: { bold: true, fillColor: '#eeeeee' },
  muted: { color: '#555555' },
  small: { fontSize: 8 },
};

/**
 * Every PDF Maillage issues: A4, the embedded font, the agency's name (and logo) at the top of
 * each page, "page n / N" and the date of issue at the foot. pdfmake lays the pages out (tables
 * whose header rows repeat on every page, rows kept whole) and pdfkit writes them as a stream,
 * which the caller pipes to the response: the bytes are never held as one buffer. The layout
 * itself is in memory, bounded by the document (a meeting, a year's report).
 */
@Injectable()
export class PdfDocuments {
  private readonly logo?: string;

  constructor(
    private readonly config: AppConfig,
    private readonly views: ViewService,
    private readonly clock: Clock,
    private readonly ownAgency: OwnAgency,
  ) {
    this.logo = config.agencyLogo && logoDataUrl(config.agencyLogo);
  }

  /** The document's bytes as a stream (see `sendPdf`). */
  async create(spec: PdfSpec): Promise<Readable> {
    const definition = this.definition(spec, spec.agency ?? (await this.ownAgency.name()));
    const stream = (await loadPdfmake()
      .createPdf(definition)
      .getStream()) as unknown as Readable & {
      end(): void;
    };
    // pdfkit writes the pages once asked to end; the reader then pulls them chunk by chunk.
    stream.end();
    return stream;
  }

  /** The whole document in memory: for a mail attachment, or a test. */
  async buffer(spec: PdfSpec): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of await this.create(spec)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  private definition(spec: PdfSpec, agency: string): TDocumentDefinitions {
    const locale = this.config.locale;
    const issued = this.views.text('pdf.issued', {
      date: formatLongDate(this.clock.now(), locale, this.config.timeZone),
    });
    const logo: Column[] = this.logo ? [{ image: this.logo, fit: [120, 36], width: 120 }] : [];
    return {
      pageSize: 'A4',
      pageOrientation: spec.pageOrientation ?? 'portrait',
      pageMargins: [40, 70, 40, 50],
      info: {
        title: spec.title,
        subject: spec.subject,
        author: agency,
        creator: this.views.text('app.name'),
        producer: this.views.text('app.name'),
      },
      language: locale,
      defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.15 },
      styles: PDF_STYLES,
      header: (): Content => ({
        margin: [40, 24, 40, 0],
        columns: [
          { text: agency, bold: true, fontSize: 11, width: '*', margin: [0, 8, 0, 0] },
          ...logo,
        ],
      }),
      footer: (page: number, pages: number): Content => ({
        margin: [40, 16, 40, 0],
        fontSize: 8,
        color: '#555555',
        columns: [
          { text: issued, width: '*' },
          ...(spec.pageNumbers === false
            ? []
            : [
                {
                  text: this.views.text('pdf.page', { page, pages }),
                  alignment: 'right' as const,
                  width: 'auto',
                },
              ]),
        ],
      }),
      // A heading stays with what it heads, a table's header rows with its first row.
      content: keepHeadings(
        breakTallRows(printableContent(spec.content, (text) => printableText(text, hasGlyph))),
        CONTENT_BOX[spec.pageOrientation ?? 'portrait'],
      ),
    };
  }
}

/** The styles of headings: never left alone at the foot of a page. */
const HEADINGS = new Set(['title', 'heading', 'subheading']);

/** The page's content box (A4, the margins above), in points. */
const CONTENT_BOX = {
  portrait: { width: 515, height: 722 },
  landscape: { width: 762, height: 475 },
};

const isHeading = (node: Content): boolean =>
  typeof node === 'object' &&
  node !== null &&
  !Array.isArray(node) &&
  HEADINGS.has(String((node as { style?: unknown }).style));

type TableNode = { table: { body: unknown[][]; widths?: unknown[]; headerRows?: number } };

/**
 * Roughly how tall rows print, in points, erring tall: each row as tall as its longest cell wraps
 * in its column (5 pt a character, 13 pt a line, 6 pt of padding). pdfmake drops a block it was
 * told to keep whole when it is taller than a page, so blocks are only made of what surely fits.
 */
function rowsHeight(node: TableNode, rows: unknown[][], pageWidth: number): number {
  const widths = node.table.widths ?? [];
  const columns = Math.max(1, ...rows.map((row) => row.length));
  const fixed = widths.reduce<number>((sum, w) => sum + (typeof w === 'number' ? w : 0), 0);
  const flexible = Math.max(1, columns - widths.filter((w) => typeof w === 'number').length);
  const flexibleWidth = Math.max(40, (pageWidth - fixed) / flexible);
  const width = (i: number) => (typeof widths[i] === 'number' ? widths[i] : flexibleWidth);
  return rows.reduce<number>((sum, row) => {
    const lines = row.map((cell, i) => Math.ceil(textLength(cell) / Math.max(1, width(i) / 5)));
    return sum + Math.max(1, ...lines) * 13 + 6;
  }, 0);
}

const tableOf = (node: Content): TableNode | undefined => {
  const table = (node as Partial<TableNode> | undefined)?.table;
  return table && Array.isArray(table.body) ? (node as TableNode) : undefined;
};

/** Whether a heading and `next` surely fit on one page together. */
function fitsWithHeading(next: Content, box: { width: number; height: number }): boolean {
  const table = tableOf(next);
  if (table) return rowsHeight(table, table.table.body, box.width) + 40 <= box.height * 0.8;
  const text = typeof next === 'string' ? next : (next as { text?: unknown }).text;
  return typeof text === 'string' && text.length <= 600;
}

/**
 * A heading never left at the foot of a page: followed by what surely fits on a page with it (a
 * paragraph, a short table), it moves with it as one block; a table's header rows stay with its
 * first row when those fit on a page (pdfmake's keepWithHeaderRows). "Participation par type
 * d’organisation" and its table's header were printed at the foot of a page, the rows on the next.
 */
function keepHeadings(node: Content, box: { width: number; height: number }): Content {
  if (Array.isArray(node)) {
    const kept: Content[] = [];
    for (let i = 0; i < node.length; i++) {
      const next = node[i + 1];
      if (
        isHeading(node[i]) &&
        next !== undefined &&
        !isHeading(next) &&
        fitsWithHeading(next, box)
      ) {
        kept.push({
          stack: [keepHeadings(node[i], box), keepHeadings(next, box)],
          unbreakable: true,
        });
        i++;
      } else kept.push(keepHeadings(node[i], box));
    }
    return kept;
  }
  if (node === null || typeof node !== 'object') return node;
  const copy: Record<string, unknown> = { ...node };
  for (const key of ['stack', 'columns'])
    if (Array.isArray(copy[key])) copy[key] = keepHeadings(copy[key] as Content[], box);
  const table = tableOf(node);
  const header = table?.table.headerRows ?? 0;
  if (
    table &&
    header > 0 &&
    (table.table as { keepWithHeaderRows?: number }).keepWithHeaderRows === undefined &&
    rowsHeight(table, table.table.body.slice(0, header + 1), box.width) <= box.height * 0.8
  )
    copy.table = { ...(copy.table as object), keepWithHeaderRows: 1 };
  return copy as unknown as Content;
}

/** The logo, checked by its bytes (a PNG or a JPEG), embedded as a data URL. */
function logoDataUrl(file: string): string {
  const bytes = readFileSync(file);
  const kind = fileKindOf(bytes);
  if (kind !== 'png' && kind !== 'jpeg')
    throw new Error(
      `Invalid configuration:\n  - AGENCY_LOGO must be a PNG or JPEG image (${file})`,
    );
  return `data:${MEDIA_TYPES[kind]};base64,${bytes.toString('base64')}`;
}
