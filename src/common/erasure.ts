/**
 * The right to erasure (RGPD article 17, docs/personal-data.md): what every context needs to
 * scrub a person out of the text it stores. Each context erases its own tables in the erasure's
 * transaction (src/privacy/ runs them); the person becomes `label` ("Contact supprimé").
 */
export interface ErasureSubject {
  contactId: number;
  /** The email key (lowercase address) the contact had, to find mail sent to the address. */
  emailKey: string | null;
  /** What replaces the person's name: "Contact supprimé" in the configured locale. */
  label: string;
  /** Exact strings to replace in stored text, longest first: [the person's data, replacement]. */
  replacements: [string, string][];
  now: Date;
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#x27;',
  '`': '&#x60;',
  '=': '&#x3D;',
};

/**
 * The forms a value takes in stored text: as typed, HTML-escaped (Handlebars' and the mail
 * bodies' escaping, `'` both as `&#x27;` and `&#39;`), and inside a JSON string (the minutes'
 * snapshot, the audit's changes).
 */
export function storedForms(value: string): string[] {
  const html = value.replace(/[&<>"'`=]/g, (c) => HTML_ESCAPES[c]);
  const forms = [value, html, html.replace(/&#x27;/g, '&#39;')];
  for (const form of [...forms]) forms.push(JSON.stringify(form).slice(1, -1));
  return [...new Set(forms)];
}

/** Spaces a name may be typed with between its words (a word processor's no-break spaces). */
const SPACES = [' ', '\u00a0', '\u202f'];

/**
 * The ways the same name or address is written in free text: as typed, in small or capital
 * letters, the surname in capitals ("Zoé MARTIN", "MARTIN Zoé", the French administrative
 * order), accents composed or not (NFC/NFD, as pasted from another program), words separated
 * by a no-break space. Nicknames and misspellings stay out of reach (docs/personal-data.md).
 */
export function spellings(value: string): string[] {
  const words = value.split(/\s+/);
  const orders = words.length >= 2 && words.length <= 3 ? [words, [...words].reverse()] : [words];
  const cased = orders.flatMap((order) => [
    order,
    order.map((w) => w.toLowerCase()),
    order.map((w) => w.toUpperCase()),
    order.map((w, i) => (i === order.length - 1 ? w.toUpperCase() : w)),
    order.map((w, i) => (i === 0 ? w.toUpperCase() : w)),
  ]);
  const forms = new Set<string>([value]);
  for (const order of cased)
    for (const space of order.length > 1 ? SPACES : [' ']) {
      forms.add(order.join(space).normalize('NFC'));
      forms.add(order.join(space).normalize('NFD'));
    }
  // A phone number: also its digits run together or in pairs with dots ("01.23.45.67.89").
  if (/^[\d\s.+-]+$/.test(value) && value.replace(/\D/g, '').length >= 6) {
    const digits = value.replace(/[^\d+]/g, '');
    forms.add(digits);
    forms.add(digits.replace(/(\d{2})(?=\d)/g, '$1.'));
    forms.add(digits.replace(/(\d{2})(?=\d)/g, '$1 '));
  }
  return [...forms];
}

/**
 * The replacements of an erasure: every stored form of each spelling of each name and address
 * by the label (escaped as the text around it is), longest first so a name inside another goes
 * with it.
 */
export function erasureReplacements(
  values: (string | null | undefined)[],
  label: string,
): [string, string][] {
  const pairs = new Map<string, string>();
  for (const value of values) {
    if (!value || value.trim().length < 2) continue;
    for (const spelling of spellings(value.trim()))
      for (const form of storedForms(spelling)) {
        if (pairs.has(form)) continue;
        const escaped =
          form !== spelling && form.includes('&')
            ? label.replace(/[&<>"'`=]/g, (c) => HTML_ESCAPES[c])
            : label;
        pairs.set(form, escaped);
      }
  }
  return [...pairs.entries()].sort(([a], [b]) => b.length - a.length);
}
