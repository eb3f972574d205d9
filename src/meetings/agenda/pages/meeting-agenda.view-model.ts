import { formNumber, formText, type Form } from '../../../common/web/forms';
import type { ViewService } from '../../../common/web/view.service';
import { AGENDA_ITEM_KINDS } from '../../meeting-kinds';
import type { PresenterChoice } from '../../pages/meeting-overview.service';
import type { AgendaItemResponse } from '../../meeting.mappers';
import type { Meeting } from '../../meeting.entity';

const AGENDA_FIELDS = [
  'title',
  'kind',
  'presenterContactId',
  'plannedMinutes',
  'themeTitle',
] as const;
export type AgendaForm = Record<(typeof AGENDA_FIELDS)[number], string>;

export interface AgendaPageState {
  form?: AgendaForm;
  editId?: number;
  errors?: string[];
  saved?: boolean;
}

/** The form of a stored item, to edit it. */
export function agendaFormOf(item: AgendaItemResponse): AgendaForm {
  return {
    title: item.title,
    kind: item.kind,
    presenterContactId: item.presenterContactId === null ? '' : String(item.presenterContactId),
    plannedMinutes: item.plannedMinutes === null ? '' : String(item.plannedMinutes),
    themeTitle: item.themeTitle ?? '',
  };
}

/** The form as posted. */
export function postedAgendaForm(body: Form): AgendaForm {
  return Object.fromEntries(AGENDA_FIELDS.map((f) => [f, formText(body, f)])) as AgendaForm;
}

/** The form's fields → the API's DTO. */
export function agendaFields(form: AgendaForm): Form {
  return {
    title: form.title,
    kind: form.kind,
    presenterContactId: formNumber(form.presenterContactId),
    plannedMinutes: formNumber(form.plannedMinutes),
    // Always sent by the form: blank takes the theme off.
    themeTitle: form.themeTitle || null,
  };
}

/** The page model of the agenda editor: the items, and the form to add or edit one. */
export function agendaView(
  views: ViewService,
  meeting: Pick<Meeting, 'id' | 'title' | 'status'>,
  items: AgendaItemResponse[],
  choices: PresenterChoice[],
  themes: { id: number; title: string }[],
  state: AgendaPageState,
) {
  const id = meeting.id;
  const form = state.form ?? {
    title: '',
    kind: 'presentation',
    presenterContactId: '',
    plannedMinutes: '',
    themeTitle: '',
  };
  const editing = state.editId !== undefined ? items.find((i) => i.id === state.editId) : undefined;
  return {
    title: views.text('meetingsPages.agenda.title', { title: meeting.title }),
    meeting: { id, title: meeting.title },
    cancelled: meeting.status === 'cancelled',
    items: items.map((item, index) => ({
      ...item,
      kindLabel: views.text(`meetingsPages.agendaKind.${item.kind}`),
      first: index === 0,
      last: index === items.length - 1,
      editing: item.id === state.editId,
    })),
    editing: editing ? { id: editing.id, title: editing.title } : undefined,
    action: editing ? `/meetings/${id}/agenda/${editing.id}` : `/meetings/${id}/agenda`,
    form,
    kinds: AGENDA_ITEM_KINDS.map((value) => ({
      value,
      label: views.text(`meetingsPages.agendaKind.${value}`),
      selected: value === form.kind,
    })),
    presenters: choices.map((group) => ({
      partnerName: group.partnerName,
      contacts: group.contacts.map((c) => ({
        ...c,
        selected: String(c.id) === form.presenterContactId,
      })),
    })),
    themes,
    errors: state.errors ?? [],
    saved: state.saved,
  };
}
