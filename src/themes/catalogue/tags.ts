/** Tags are compared folded: trimmed, lower-case, spaces collapsed, without duplicates. */
export function normalizeTags(tags: string[] | undefined): string[] {
  const out: string[] = [];
  for (const tag of tags ?? []) {
    const folded = tag.trim().toLowerCase().replace(/\s+/g, ' ');
    if (folded && !out.includes(folded)) out.push(folded);
  }
  return out;
}

/** A LIKE pattern that finds one tag inside the JSON array column (simple-json). */
export function tagPattern(tag: string): string {
  const json = JSON.stringify(normalizeTags([tag])[0] ?? '');
  return `%${json.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
