import type { CertificateHolder } from '../../attestations/attendance-certificates';
import type { Form } from '../../pages/document-forms';
import type { MinutesDraftResponse } from '../minutes.service';

/** What the editor shows again after a refused save: its status, the messages, what was typed. */
export interface EditorState {
  status?: number;
  errors?: string[];
  /** What was typed, to show again after an error. */
  typed?: Form;
  notice?: string | null;
}

/** The people recorded present, to whom the page offers attendance certificates. */
export interface EditorCertificates {
  held: boolean;
  people: CertificateHolder[];
}

/**
 * The minutes editor: the draft with its wording fields (what was typed after an error, else the
 * draft's text), the preview, the published versions.
 */
export function minutesEditorView(
  title: string,
  current: MinutesDraftResponse,
  state: EditorState,
  certificates: EditorCertificates,
) {
  const { draft, preview, versions, meetingId } = current;
  const typed = state.typed;
  const fieldValue = (name: string, fallback: string | null): string =>
    typed && typeof typed[name] === 'string' ? typed[name] : (fallback ?? '');
  const errors = state.errors ?? [];
  return {
    title,
    meetingId,
    meeting: draft.meeting,
    // A cancelled meeting's draft stays readable, but nothing is published or certified of it.
    cancelled: draft.meeting.status === 'cancelled',
    attendance: draft.attendance,
    introduction: fieldValue('introduction', draft.introduction),
    conclusion: fieldValue('conclusion', draft.conclusion),
    agenda: draft.agenda.map((item) => ({
      ...item,
      summaryValue: fieldValue(`summary-${item.id}`, item.summary),
      decisionsValue: fieldValue(`decisions-${item.id}`, item.decisions),
    })),
    previewUrl: `/meetings/${meetingId}/minutes/preview`,
    previewText: preview.text,
    versions: versions.map((v) => ({
      ...v,
      path: `/minutes/${v.meetingId}/${v.version}`,
      pdfPath: `/api/meetings/${v.meetingId}/minutes/versions/${v.version}/pdf`,
      isPublic: v.visibility === 'public',
      visibilityPath: `/meetings/${v.meetingId}/minutes/versions/${v.version}/visibility`,
    })),
    attachPdf: typed?.attachPdf === 'yes',
    // A correction keeps the visibility of the version it corrects, unless staff choose.
    publishPublic: typed
      ? typed.visibility === 'public'
      : versions[versions.length - 1]?.visibility === 'public',
    attestations: {
      held: certificates.held,
      allPath: `/api/meetings/${meetingId}/attestations.pdf`,
      people: certificates.people.map((person) => ({
        ...person,
        path:
          person.contactId === null
            ? null
            : `/api/meetings/${meetingId}/attestations/${person.contactId}.pdf`,
      })),
    },
    errors,
    invalid: errors.length > 0,
    notice: state.notice ?? null,
  };
}
