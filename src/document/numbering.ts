/**
 * Chinese numerals and the generated numbers of headings and lists (一、 （一） 1. （1）).
 */

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五; integers 0–9999. */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 9999) {
    throw new RangeError(`chineseNumeral: ${n} is not an integer in 0..9999`);
  }
  if (n < 10) return DIGITS[n]!;
  if (n < 20) return `十${n % 10 === 0 ? '' : DIGITS[n % 10]}`;
  const units = ['', '十', '百', '千'];
  const digits = String(n).split('').map(Number);
  let out = '';
  let zero = false;
  digits.forEach((d, i) => {
    const unit = units[digits.length - 1 - i]!;
    if (d === 0) {
      zero = true;
      return;
    }
    if (zero && out) out += '零';
    zero = false;
    out += DIGITS[d]! + unit;
  });
  return out;
}

export type HeadingLevel = 1 | 2 | 3 | 4;

/** The number a heading of `level` carries when it is the `n`-th at its level. */
export function headingNumber(level: HeadingLevel, n: number): string {
  switch (level) {
    case 1:
      return `${chineseNumeral(n)}、`;
    case 2:
      return `（${chineseNumeral(n)}）`;
    case 3:
      return `${n}.`;
    case 4:
      return `（${n}）`;
  }
}

/** Counts headings as the document goes; a heading resets the levels below it. */
export class HeadingCounter {
  private counts = [0, 0, 0, 0];

  next(level: HeadingLevel): string {
    this.counts[level - 1]! += 1;
    for (let i = level; i < 4; i++) this.counts[i] = 0;
    return headingNumber(level, this.counts[level - 1]!);
  }

  reset(): void {
    this.counts = [0, 0, 0, 0];
  }
}

export function listLabel(style: 'decimal' | 'chinese' | 'paren-decimal', n: number): string {
  switch (style) {
    case 'decimal':
      return `${n}.`;
    case 'chinese':
      return `（${chineseNumeral(n)}）`;
    case 'paren-decimal':
      return `（${n}）`;
  }
}
