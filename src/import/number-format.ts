import Big from 'big.js';

/**
 * A number as Excel displays it at its cell's number format, so an amount keeps what the clerk saw and
 * typed (12.5 formatted `0.00` is "12.50"). exceljs hands over the stored double and the format string
 * but does not format; the formats of budget tables are decimal and percent ones, which are read here.
 * Thousands separators are dropped (content writes 12322.31, not 12,322.31).
 */
export type Displayed = { text: string } | { unsupported: string };

/** The shortest text of a stored double at Excel's 15 significant digits (0.1 + 0.2 shows 0.3). */
export function generalText(value: number): string {
  const n = Number(value.toPrecision(15));
  return new Big(n).toFixed();
}

/** The first section of a format (positive numbers), without quoted literals, escapes, fills and colours. */
function positiveSection(format: string): string {
  let out = '';
  let quoted = false;
  for (let i = 0; i < format.length; i++) {
    const ch = format[i]!;
    if (ch === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (ch === ';') break;
    else if (ch === '\\' || ch === '_' || ch === '*') i++;
    else if (ch === '[') {
      const end = format.indexOf(']', i);
      i = end < 0 ? format.length : end;
    } else out += ch;
  }
  return out;
}

export function displayNumber(value: number, format: string | undefined): Displayed {
  if (!Number.isFinite(value)) return { unsupported: String(value) };
  const section = positiveSection(format ?? '').trim();
  if (section === '' || /^general$/i.test(section) || section === '@') return { text: generalText(value) };
  if (/[yYmMdDhHsSeE]/.test(section)) return { unsupported: format ?? '' };
  const digits = /[0#?][0#?,]*(\.[0#?]*)?|\.[0#?]+/.exec(section);
  if (!digits) return { text: generalText(value) };
  const fraction = digits[1] ?? (digits[0].startsWith('.') ? digits[0] : '');
  const max = fraction ? fraction.length - 1 : 0;
  const min = (fraction.match(/0/g) ?? []).length;
  const percent = section.includes('%');
  let shown = new Big(generalText(value));
  if (percent) shown = shown.times(100);
  let text = shown.toFixed(max, Big.roundHalfUp);
  if (text.includes('.')) {
    const [whole, frac] = text.split('.') as [string, string];
    let keep = frac;
    while (keep.length > min && keep.endsWith('0')) keep = keep.slice(0, -1);
    text = keep ? `${whole}.${keep}` : whole;
  }
  return { text: percent ? `${text}%` : text };
}
