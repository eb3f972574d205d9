/**
 * Amounts as people type them in French and English forms: "12,50 €", "0,42", "12.5",
 * "1 234,56", "1.234,56", "€12.50". Integer cents, so sums never drift.
 */

const MAX_UNITS_DIGITS = 9;

/**
 * The amount in integer cents; null when the text is empty; NaN when it is not an amount
 * (letters, a sign, more than two decimals, an odd grouping), so the form names the field.
 */
export function parseEuroCents(text: string): number | null {
  const compact = text.replace(/\s|€|EUR/gi, '');
  if (compact === '') return null;
  const separators = compact.replace(/\d/g, '');
  let units: string;
  let decimals = '';
  if (separators === '') units = compact;
  else if (/^[.,]$/.test(separators)) {
    [units, decimals] = compact.split(/[.,]/);
  } else {
    // Both signs, or several: the last one is the decimal point, the others group thousands.
    const decimalSign = compact.match(/[.,](?=\d*$)/)?.[0];
    const lastAt = decimalSign === undefined ? -1 : compact.lastIndexOf(decimalSign);
    const grouped = lastAt < 0 ? compact : compact.slice(0, lastAt);
    const groupSign = grouped.replace(/\d/g, '')[0];
    if (!groupSign || !new RegExp(`^\\d{1,3}(\\${groupSign}\\d{3})+$`).test(grouped)) return NaN;
    if (lastAt >= 0 && compact.slice(lastAt + 1).length === 3 && decimalSign === groupSign) {
      units = compact.replace(/[.,]/g, '');
    } else if (lastAt >= 0 && decimalSign !== groupSign) {
      units = grouped.split(groupSign).join('');
      decimals = compact.slice(lastAt + 1);
    } else return NaN;
  }
  if (!/^\d+$/.test(units) || units.length > MAX_UNITS_DIGITS || !/^\d{0,2}$/.test(decimals)) {
    return NaN;
  }
  return Number(units) * 100 + Number(decimals.padEnd(2, '0'));
}

/** Cents as a form shows them back, ready to be typed again: 42 → "0,42", 15000 → "150,00". */
export function centsAsFormText(cents: number, locale: 'fr' | 'en'): string {
  const text = (cents / 100).toFixed(2);
  return locale === 'fr' ? text.replace('.', ',') : text;
}
