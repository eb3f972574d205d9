/**
 * The catalogue prefix of the app's labels for each set of coded values, so that an error can
 * list the accepted values with their labels ("agency (Agence)").
 *
 * An extension point: the context that owns a set of values registers it where it defines them
 * (`registerValueLabels(PARTNER_KINDS, 'partnersPages.kind')` beside the constant), so that
 * loading the values is enough for their labels to be known, in the app, the CLI and unit tests.
 */
const LABELLED: [readonly string[], string][] = [];

/** Declares that `<prefix>.<value>` holds the label of each of these values in the catalogues. */
export function registerValueLabels(values: readonly string[], prefix: string): void {
  if (LABELLED.some(([known, knownPrefix]) => known === values && knownPrefix === prefix)) return;
  LABELLED.push([values, prefix]);
}

/**
 * The label prefix of these values (`<prefix>.<value>` in the catalogues), or undefined. A set of
 * values a DTO accepts takes the labels of the shortest registered list holding all of them (the
 * first registered among equals): a single 'cancelled' is a meeting's status before a message's.
 */
export function labelPrefixOf(values: readonly unknown[]): string | undefined {
  let found: [readonly string[], string] | undefined;
  for (const entry of LABELLED) {
    if (!values.every((value) => entry[0].includes(value as string))) continue;
    if (!found || entry[0].length < found[0].length) found = entry;
  }
  return found?.[1];
}

/** Every label key the registered lists need (the catalogue test checks both languages have them). */
export function labelKeys(): string[] {
  return LABELLED.flatMap(([values, prefix]) => values.map((value) => `${prefix}.${value}`));
}
