import type { ConsentEvent } from '../contacts/consent-event.entity';
import type { Contact } from '../contacts/contact.entity';
import type { Partner } from '../partner.entity';
import { PARTNER_KINDS } from '../partner-kind';
import type { PartnerPageText } from './partner-page.view-model';
import { PARTNER_FIELDS } from '../partner-rules';

/** A form's messages as the templates show them (see fieldMessages in partner-forms.ts). */
export interface FormMessages {
  byField: Record<string, string>;
  list: string[];
}

/** The partner form (pages/partners/form): new when `partner` is null, else its edit form. */
export function partnerFormModel(
  text: PartnerPageText,
  partner: Pick<Partner, 'id' | 'name'> | null,
  values: Record<string, string>,
  messages: FormMessages,
): Record<string, unknown> {
  return {
    title: partner
      ? text.t('partnersPages.form.editTitle', { name: partner.name })
      : text.t('partnersPages.form.newTitle'),
    partner: partner ? { id: partner.id, name: partner.name } : null,
    action: partner ? `/partners/${partner.id}/edit` : '/partners',
    cancel: partner ? `/partners/${partner.id}` : '/partners',
    values,
    fieldErrors: messages.byField,
    errors: messages.list,
    kinds: PARTNER_KINDS.map((kind) => ({
      value: kind,
      label: text.kindLabel(kind),
      selected: kind === values.kind,
    })),
  };
}

/** A partner's fields as its edit form first shows them (blank for none, numbers as text). */
export function partnerEditValues(partner: Partner): Record<string, string> {
  return Object.fromEntries(
    PARTNER_FIELDS.map((field) => {
      const value = partner[field];
      return [field, value === null ? '' : typeof value === 'number' ? String(value) : value];
    }),
  );
}

/** A contact form's state (values and messages), on its own page or on the partner page. */
export function contactFormState(
  values: Record<string, string | boolean>,
  messages: FormMessages,
): Record<string, unknown> {
  return { values, errors: messages.byField, list: messages.list };
}

/** A contact's edit form (pages/partners/contact-form). */
export function contactFormModel(
  text: PartnerPageText,
  partner: Pick<Partner, 'id' | 'name'>,
  contact: Pick<Contact, 'id' | 'fullName'> & { erasedAt?: Date | null },
  values: Record<string, string | boolean>,
  messages: FormMessages,
): Record<string, unknown> {
  return {
    title: text.t('partnersPages.contact.editTitle', { name: contact.fullName }),
    partner: { id: partner.id, name: partner.name },
    contact: {
      id: contact.id,
      fullName: contact.fullName,
      erasedAt: contact.erasedAt ? contact.erasedAt.toISOString() : null,
    },
    contactForm: contactFormState(values, messages),
  };
}

/** A contact's fields as its edit form first shows them. */
export function contactEditValues(contact: Contact): Record<string, string | boolean> {
  return {
    fullName: contact.fullName,
    jobTitle: contact.jobTitle ?? '',
    email: contact.email ?? '',
    phone: contact.phone ?? '',
    notes: contact.notes ?? '',
    receivesMinutes: contact.receivesMinutes,
    newsletterConsent: contact.newsletterConsent,
  };
}

/** The contact's opt-ins and opt-outs, newest first, as the contact's page lists them. */
export function consentHistoryView(
  text: PartnerPageText,
  events: ConsentEvent[],
): Array<Record<string, unknown>> {
  return events.map((event) => ({
    at: event.at.toISOString(),
    topic: text.t(`partnersPages.consent.topic.${event.topic}`),
    state: text.t(`partnersPages.consent.${event.granted ? 'granted' : 'withdrawn'}`),
    granted: event.granted,
    // Sources the app writes have a label; a source typed with the consent is shown as typed.
    source: text.text(`partnersPages.consent.sources.${event.source}`) ?? event.source,
    recordedBy: event.recordedBy,
  }));
}
