import type { MessageRef } from '../../common/domain-errors';
import type { PartnerPageText } from './partner-page.view-model';
import type { ImportOutcome } from '../import/partners-import.report';
import { labelOf } from '../import/partners-csv';

/**
 * The import's preview (pages/partners/import-preview): what each row would do, the problems,
 * and the file carried to the next step (base64, so its bytes and encoding survive).
 */
export function importPreviewModel(
  text: PartnerPageText & { message(text: MessageRef): string },
  report: ImportOutcome,
  buffer: Buffer,
  apply: boolean,
): Record<string, unknown> {
  const action = (a: string) => text.t(`partnersPages.import.action.${a}`);
  return {
    title: text.t('partnersPages.import.previewTitle'),
    refused: apply,
    summary: report.summary,
    canApply: report.errors.length === 0 && report.rows.length > 0,
    content: buffer.toString('base64'),
    rows: report.rows.map((row) => ({
      row: row.row,
      partnerName: row.partner.name,
      partnerAction: action(row.partner.action),
      partnerActionClass: row.partner.action,
      partnerChanges: row.partner.changes.map((field) => labelOf('partner', field)).join(', '),
      contact: row.contact
        ? {
            fullName: row.contact.fullName,
            email: row.contact.email,
            action: action(row.contact.action),
            actionClass: row.contact.action,
            changes: row.contact.changes.map((field) => labelOf('contact', field)).join(', '),
          }
        : null,
    })),
    ignoredColumns: report.ignoredColumns.length
      ? text.t('partnersPages.import.ignoredColumns', {
          count: report.ignoredColumns.length,
          names: report.ignoredColumns.map((name) => `« ${name} »`).join(', '),
        })
      : null,
    contactColumns: report.contactColumns.length
      ? text.t('partnersPages.import.contactColumns', {
          count: report.contactColumns.length,
          names: report.contactColumns.map((name) => `« ${name} »`).join(', '),
        })
      : null,
    problems: report.errors.map((problem) => ({
      row: problem.row,
      column: problem.column,
      message: text.message(problem.text),
    })),
  };
}
