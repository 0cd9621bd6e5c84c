import Big from 'big.js';

/**
 * Exact decimal arithmetic for money and rates. Amounts arrive as their source text ("86.275") and stay
 * big.js values through every computation; rounding happens once, half-up, at the printing precision.
 */
export type Decimal = Big;

// Division keeps 20 places; rounding to print is explicit and half-up.
Big.DP = 20;
Big.RM = Big.roundHalfUp;

export const ZERO = new Big(0);
const HUNDRED = new Big(100);

export function dec(text: string | number): Decimal {
  return new Big(text);
}

/** Spending cells use "-" for "none": it counts as zero but prints as "-". */
export function decOrZero(text: string | undefined): Decimal {
  return text === undefined || text === '-' ? ZERO : new Big(text);
}

export function sum(values: Iterable<Decimal>): Decimal {
  let total = ZERO;
  for (const v of values) total = total.plus(v);
  return total;
}

/** Fixed decimals, half-up: formatMoney(dec('449.852'), 2) === '449.85'. */
export function fixed(value: Decimal, decimals: number): string {
  return value.toFixed(decimals, Big.roundHalfUp);
}

/** `percentText(dec('0.99989'), 1)` === '100.0%'. */
export function percentText(ratio: Decimal, decimals: number): string {
  return `${ratio.times(HUNDRED).toFixed(decimals, Big.roundHalfUp)}%`;
}

/** Parses "98.3%" into the ratio 0.983. */
export function parsePercent(text: string): Decimal {
  return new Big(text.replace(/[%％]\s*$/, '').trim()).div(HUNDRED);
}

/** A ratio, or undefined when the denominator is zero (the caller reports why). */
export function ratio(numerator: Decimal, denominator: Decimal): Decimal | undefined {
  return denominator.eq(0) ? undefined : numerator.div(denominator);
}

/**
 * Shares of one block as percentages that add up to exactly 100 at the printed precision. Each share is
 * rounded half-up; when the rounded shares miss 100, the difference goes to the largest items first
 * (largest remainder in the direction needed), so the table never prints 99.99% or 100.01%.
 */
export function sharesSummingTo100(parts: Decimal[], decimals: number): string[] | undefined {
  const total = sum(parts);
  if (total.eq(0)) return undefined;
  const step = new Big(1).div(new Big(10).pow(decimals));
  const exact = parts.map((p) => p.div(total).times(HUNDRED));
  const rounded = exact.map((e) => e.round(decimals, Big.roundHalfUp));
  let diff = HUNDRED.minus(sum(rounded));
  const order = exact
    .map((e, i) => ({ i, remainder: e.minus(rounded[i]!), size: parts[i]! }))
    // Adding: those rounded down the most; taking away: those rounded up the most. Ties go to the largest item.
    .sort(
      (a, b) =>
        (diff.gt(0) ? b.remainder.cmp(a.remainder) : a.remainder.cmp(b.remainder)) || b.size.cmp(a.size),
    );
  let k = 0;
  while (!diff.eq(0) && order.length > 0) {
    const slot = order[k % order.length]!;
    const delta = diff.gt(0) ? step : step.times(-1);
    rounded[slot.i] = rounded[slot.i]!.plus(delta);
    diff = diff.minus(delta);
    k++;
  }
  return rounded.map((r) => `${r.toFixed(decimals)}%`);
}

/** Money as plain text for messages: no trailing zeros beyond what the value has ("152.63"). */
export function moneyText(value: Decimal): string {
  return value.toFixed();
}
