import type { FieldError } from '../../common/validation';
import { type Form, invalidFields, list, optionalId, formText } from '../../common/web/forms';
import type { PagerView } from '../../common/web/pager';
import { THEME_STATUSES, type Theme, type ThemeStatus } from '../catalogue/theme.entity';
import type { ThemeDetail, ThemeResponse } from '../catalogue/theme.mapper';

/** Translates a key of the catalogue (ThemesPagesText.t). */
type Translate = (key: string, params?: Record<string, string | number>) => string;

/** The theme form as typed: every field a string, as posted. */
export type ThemeForm = {
  title: string;
  description: string;
  tags: string;
  proposedByPartnerId: string;
};

export const EMPTY_THEME_FORM: ThemeForm = {
  title: '',
  description: '',
  tags: '',
  proposedByPartnerId: '',
};

export function themeForm(body: Form): ThemeForm {
  return {
    title: formText(body, 'title'),
    description: formText(body, 'description'),
    tags: formText(body, 'tags'),
    proposedByPartnerId: formText(body, 'proposedByPartnerId'),
  };
}

/** A saved theme in its form, for editing. */
export function themeFormOf(theme: Theme): ThemeForm {
  return {
    title: theme.title,
    description: theme.description ?? '',
    tags: theme.tags.join(', '),
    proposedByPartnerId: theme.proposedByPartnerId ? String(theme.proposedByPartnerId) : '',
  };
}

/** The typed form as the API's DTO: an empty title stays empty so that validation names it. */
export function themeDto(form: ThemeForm): Record<string, unknown> {
  return {
    title: form.title.trim(),
    description: form.description.trim() || null,
    tags: list(form.tags),
    proposedByPartnerId: optionalId(form.proposedByPartnerId),
  };
}

/** A theme as the lists and the detail show it: its status in words, who proposed it. */
export function themeRow(theme: ThemeResponse, t: Translate) {
  return {
    ...theme,
    statusLabel: t(`themesPages.status.${theme.status}`),
    proposedByName: theme.proposedBy.name,
  };
}

/** The backlog page (pages/themes/index). */
export function backlogPage(input: {
  t: Translate;
  errors: string[];
  valid: boolean;
  query: { q?: string; status?: ThemeStatus };
  page: { items: ThemeResponse[]; total: number };
  mostRequested: ThemeResponse[];
  stale: ThemeResponse[];
  pager: PagerView | null;
  created: boolean;
}) {
  const { t, valid, query } = input;
  return {
    title: t('themesPages.backlog.title'),
    errors: input.errors,
    q: valid ? (query.q ?? '') : '',
    filters: [
      { label: t('themesPages.backlog.all'), href: '/themes', current: !valid || !query.status },
      ...THEME_STATUSES.map((status) => ({
        label: t(`themesPages.status.${status}`),
        href: `/themes?status=${status}`,
        current: valid && query.status === status,
      })),
    ],
    items: input.page.items.map((theme) => themeRow(theme, t)),
    total: input.page.total,
    mostRequested: input.mostRequested.map((theme) => themeRow(theme, t)),
    stale: input.stale.map((theme) => themeRow(theme, t)),
    pager: input.pager,
    created: input.created,
  };
}

/** One theme's page (pages/themes/show): partners not yet interested are offered. */
export function themeDetailPage(input: {
  t: Translate;
  theme: ThemeDetail;
  partners: { id: number; name: string }[];
  meetings: { id: number; title: string; startsAt: string }[];
  saved?: boolean;
  errors?: string[];
}) {
  const { theme } = input;
  const interested = new Set(theme.interestedPartners.map((p) => p.partnerId));
  return {
    title: theme.title,
    theme: themeRow(theme, input.t),
    archived: theme.status === 'archived',
    interestedPartners: theme.interestedPartners,
    presentations: theme.presentations,
    scheduledOn: theme.scheduledOn,
    partnerChoices: input.partners.filter((p) => !interested.has(p.id)),
    meetings: input.meetings.map((m) => ({ id: m.id, title: m.title, startsAt: m.startsAt })),
    saved: input.saved ?? false,
    errors: input.errors ?? [],
  };
}

/** The theme form page (pages/themes/form), new when id is null. */
export function themeFormPage(input: {
  t: Translate;
  id: number | null;
  form: ThemeForm;
  messages: string[];
  errors: FieldError[];
  refusedField?: string;
  partners: { id: number; name: string }[];
}) {
  const { t, id, form } = input;
  return {
    title: t(id ? 'themesPages.form.editTitle' : 'themesPages.form.newTitle'),
    action: id ? `/themes/${id}/edit` : '/themes/new',
    cancel: id ? `/themes/${id}` : '/themes',
    form,
    errors: input.messages,
    invalid: invalidFields(input.errors, input.refusedField ? [input.refusedField] : []),
    partners: input.partners.map((p) => ({
      ...p,
      selected: String(p.id) === form.proposedByPartnerId,
    })),
  };
}
