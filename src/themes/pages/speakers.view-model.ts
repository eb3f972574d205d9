import { centsAsFormText, parseEuroCents } from '../../common/money';
import type { FieldError } from '../../common/validation';
import type { Locale } from '../../config/app-config';
import {
  type Form,
  invalidFields,
  list,
  optionalId,
  formNumber,
  formText,
  formValues,
} from '../../common/web/forms';
import type { SpeakerResponse } from '../speakers/speaker.mapper';

/** Translates a key of the catalogue (ThemesPagesText.t). */
type Translate = (key: string, params?: Record<string, string | number>) => string;

const SPEAKER_FIELDS = [
  'name',
  'organisationPartnerId',
  'organisationName',
  'tags',
  'email',
  'phone',
  'website',
  'fee',
  'address',
  'latitude',
  'longitude',
  'travelCentsPerKm',
  'notes',
] as const;

/** The speaker form as typed: every field a string, the ticked themes' ids. */
export type SpeakerForm = Record<(typeof SPEAKER_FIELDS)[number], string> & { themeIds: string[] };

export function emptySpeakerForm(): SpeakerForm {
  const form = { themeIds: [] } as unknown as SpeakerForm;
  for (const field of SPEAKER_FIELDS) form[field] = '';
  return form;
}

export function speakerForm(body: Form): SpeakerForm {
  const form = emptySpeakerForm();
  for (const field of SPEAKER_FIELDS) form[field] = formText(body, field);
  form.themeIds = formValues(body, 'themeIds');
  return form;
}

/** A saved speaker in its form, for editing; amounts in euros as the locale writes them. */
export function speakerFormOf(speaker: SpeakerResponse, locale: Locale): SpeakerForm {
  return {
    name: speaker.name,
    organisationPartnerId: speaker.organisation?.partnerId
      ? String(speaker.organisation.partnerId)
      : '',
    organisationName:
      speaker.organisation && !speaker.organisation.partnerId ? speaker.organisation.name : '',
    // Tags are themes, ticked above; this field only types new ones.
    tags: '',
    email: speaker.email ?? '',
    phone: speaker.phone ?? '',
    website: speaker.website ?? '',
    fee: centsAsFormText(speaker.feeCents, locale),
    address: speaker.address ?? '',
    latitude: speaker.latitude === null ? '' : String(speaker.latitude),
    longitude: speaker.longitude === null ? '' : String(speaker.longitude),
    // Typed in euros per km ("0,42"), stored in cents.
    travelCentsPerKm:
      speaker.travelCentsPerKm === null ? '' : centsAsFormText(speaker.travelCentsPerKm, locale),
    notes: speaker.notes ?? '',
    themeIds: speaker.themes.map((theme) => String(theme.id)),
  };
}

/** The typed form as the API's DTO, and the fields that could not even be read (fee, numbers). */
export function speakerDto(form: SpeakerForm): {
  dto: Record<string, unknown>;
  badFields: string[];
} {
  const badFields: string[] = [];
  const fee = parseEuroCents(form.fee);
  if (Number.isNaN(fee)) badFields.push('fee');
  const travel = parseEuroCents(form.travelCentsPerKm);
  if (Number.isNaN(travel)) badFields.push('travelCentsPerKm');
  const number = (field: 'latitude' | 'longitude') => {
    const value = formNumber(form[field].trim(), true);
    if (Number.isNaN(value)) badFields.push(field);
    return Number.isNaN(value) ? null : value;
  };
  const orNull = (value: string) => value.trim() || null;
  return {
    dto: {
      name: form.name.trim(),
      organisationPartnerId: optionalId(form.organisationPartnerId),
      organisationName: orNull(form.organisationName),
      themeIds: form.themeIds.map(Number),
      tags: list(form.tags),
      email: orNull(form.email),
      phone: orNull(form.phone),
      website: orNull(form.website),
      feeCents: Number.isNaN(fee) ? undefined : (fee ?? 0),
      address: orNull(form.address),
      latitude: number('latitude'),
      longitude: number('longitude'),
      travelCentsPerKm: Number.isNaN(travel) ? null : travel,
      notes: orNull(form.notes),
    },
    badFields,
  };
}

/** The speaker form page (pages/themes/speaker-form), new when id is null. */
export function speakerFormPage(input: {
  t: Translate;
  id: number | null;
  form: SpeakerForm;
  messages: string[];
  errors: FieldError[];
  /** Fields at fault besides the DTO's: unreadable amounts, the field a rule refused. */
  alsoInvalid: string[];
  themes: { id: number; title: string }[];
  partners: { id: number; name: string }[];
}) {
  const { t, id, form } = input;
  return {
    title: t(id ? 'themesPages.speakerForm.editTitle' : 'themesPages.speakerForm.newTitle'),
    action: id ? `/speakers/${id}/edit` : '/speakers/new',
    form,
    errors: input.messages,
    invalid: invalidFields(input.errors, input.alsoInvalid),
    themes: input.themes.map((theme) => ({
      ...theme,
      checked: form.themeIds.includes(String(theme.id)),
    })),
    partners: input.partners.map((partner) => ({
      id: partner.id,
      name: partner.name,
      selected: String(partner.id) === form.organisationPartnerId,
    })),
  };
}
