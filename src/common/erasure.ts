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

/**
 * The replacements of an erasure: every stored form of each name and address by the label
 * (escaped as the text around it is), longest first so a name inside another goes with it.
 */
export function erasureReplacements(
  values: (string | null | undefined)[],
  label: string,
): [string, string][] {
  const pairs = new Map<string, string>();
  for (const value of values) {
    if (!value || value.trim().length < 2) continue;
    for (const form of storedForms(value.trim())) {
      if (pairs.has(form)) continue;
      const escaped =
        form !== value.trim() && form.includes('&')
          ? label.replace(/[&<>"'`=]/g, (c) => HTML_ESCAPES[c])
          : label;
      pairs.set(form, escaped);
    }
  }
  return [...pairs.entries()].sort(([a], [b]) => b.length - a.length);
}
