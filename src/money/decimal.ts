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
 * Rounds each value half-up to `decimals` and then moves the rounding slips so the rounded values add up
 * to the exact total rounded the same way (largest remainder): 50 split three ways gives 16.67, 16.67,
 * 16.66, never 50.01. Slips go to the values rounded the most in the needed direction; among equals, to
 * the largest, then to the last (the usual 倒挤 of the final item).
 */
export function roundToTotal(values: Decimal[], decimals: number): Decimal[] {
  const step = new Big(1).div(new Big(10).pow(decimals));
  const target = sum(values).round(decimals, Big.roundHalfUp);
  const rounded = values.map((v) => v.round(decimals, Big.roundHalfUp));
  let diff = target.minus(sum(rounded));
  const order = values
    .map((v, i) => ({ i, remainder: v.minus(rounded[i]!), size: v }))
    .sort(
      (a, b) =>
        (diff.gt(0) ? b.remainder.cmp(a.remainder) : a.remainder.cmp(b.remainder)) ||
        b.size.cmp(a.size) ||
        b.i - a.i,
    );
  for (let k = 0; !diff.eq(0) && order.length > 0; k++) {
    const slot = order[k % order.length]!;
    const delta = diff.gt(0) ? step : step.times(-1);
    rounded[slot.i] = rounded[slot.i]!.plus(delta);
    diff = diff.minus(delta);
  }
  return rounded;
}

/** Shares of one block as percentages that add up to exactly 100 at the printed precision. */
export function sharesSummingTo100(parts: Decimal[], decimals: number): string[] | undefined {
  const total = sum(parts);
  if (total.eq(0)) return undefined;
  return roundToTotal(
    parts.map((p) => p.div(total).times(HUNDRED)),
    decimals,
  ).map((r) => `${r.toFixed(decimals)}%`);
}

/** Money as plain text for messages: no trailing zeros beyond what the value has ("152.63"). */
export function moneyText(value: Decimal): string {
  return value.toFixed();
}
