import type { Content } from 'pdfmake/interfaces';
import type { PersonalDataView } from './personal-data.view-model';

/** The export's view as PDF content: its heading, then each part as a table (header repeated). */
export function personalDataPdfContent(view: PersonalDataView): Content[] {
  const content: Content[] = [
    { text: view.title, style: 'title' },
    { text: view.subtitle, style: 'subtitle' },
  ];
  for (const section of view.sections) {
    content.push({ text: section.title, style: 'heading' });
    if (section.rows.length === 0) {
      content.push({ text: section.empty, style: 'muted' });
      continue;
    }
    content.push({
      table: {
        headerRows: 1,
        dontBreakRows: true,
        widths: section.headers.map(() => '*'),
        body: [
          section.headers.map((text) => ({ text, style: 'tableHeader' })),
          ...section.rows.map((row) => row.map((text) => ({ text, fontSize: 9 }))),
        ],
      },
    });
  }
  return content;
}
