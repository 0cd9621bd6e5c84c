import { describe, expect, it } from 'vitest';
import { dec, fixed, parsePercent, percentText, sharesSummingTo100, sum } from '../../src/money/decimal.js';

describe('exact money from the seeds', () => {
  it('sums item amounts exactly (seed 003 一般管理事务: 319.86 + 5.64 + 2 + 0.3 + 122.052 = 449.852)', () => {
    const total = sum(['319.86', '5.64', '2', '0.3', '122.052'].map(dec));
    expect(total.toFixed()).toBe('449.852');
    expect(fixed(total, 2)).toBe('449.85');
  });

  it('keeps 民政管理事务 at 1020.133 (397.068 + 287.13 + 118.56 + 217.375)', () => {
    expect(sum(['397.068', '287.13', '118.56', '217.375'].map(dec)).toFixed()).toBe('1020.133');
  });

  it('adds seed 001 row 7 to exactly 4.35 (4.15 + 0.20), which binary floats get wrong', () => {
    expect(sum([dec('4.15'), dec('0.20')]).toFixed(2)).toBe('4.35');
    expect(4.15 + 0.2).not.toBe(4.35);
  });

  it('rounds half-up at the printing precision', () => {
    // 183.475 is exactly representable as a decimal: half-up gives 183.48 (a float would give 183.47).
    expect(fixed(dec('183.475'), 2)).toBe('183.48');
    expect(fixed(dec('0.125'), 2)).toBe('0.13');
    expect(fixed(dec('12.3400'), 2)).toBe('12.34');
  });

  it('prints seed 000 rates against adjusted budgets', () => {
    // Row 1: 93.99 ÷ (102 − 6 − 2) = 0.99989… → 100.0%
    expect(percentText(dec('93.99').div(dec('94')), 1)).toBe('100.0%');
    // Row 8: 3.80 ÷ (6.7 − 2.15 − 0.4 = 4.15) = 0.91566… → 91.6%
    expect(percentText(dec('3.80').div(dec('4.15')), 1)).toBe('91.6%');
    // Row 10: 50.81 ÷ 50.82 = 0.99980… → 100.0%
    expect(percentText(dec('50.81').div(dec('50.82')), 1)).toBe('100.0%');
    // Row 5: 4958.11 ÷ (5007.72 − 44.4 = 4963.32) = 0.99895… → 99.9%
    expect(percentText(dec('4958.11').div(dec('4963.32')), 1)).toBe('99.9%');
  });

  it('prints seed 001 row 2 as the data gives it: 37.76 ÷ 37.86 = 99.736% → 99.74% (the form printed 99.75%)', () => {
    expect(percentText(dec('37.76').div(dec('37.86')), 2)).toBe('99.74%');
  });

  it('reads percentages exactly', () => {
    expect(parsePercent('98.3%').toFixed()).toBe('0.983');
    expect(parsePercent('99.12%').toFixed()).toBe('0.9912');
  });
});

describe('shares that add to exactly 100.00%', () => {
  it('gives seed 004 income shares 99.21% / 0.79% (6009.09 and 48 of 6057.09)', () => {
    expect(sharesSummingTo100([dec('6009.09'), dec('48')], 2)).toEqual(['99.21%', '0.79%']);
  });

  it('gives seed 004 expenditure shares 17.44% / 82.56% (1056.27 and 5000.82 of 6057.09)', () => {
    expect(sharesSummingTo100([dec('1056.27'), dec('5000.82')], 2)).toEqual(['17.44%', '82.56%']);
  });

  it('moves the rounding slip to one item when plain rounding would print 100.01% or 99.99%', () => {
    // Thirds: 33.333…% each rounds to 33.33%, total 99.99%: one item must carry the extra 0.01.
    const thirds = sharesSummingTo100([dec(1), dec(1), dec(1)], 2)!;
    expect(thirds.map((s) => Number.parseFloat(s)).reduce((a, b) => a + b, 0)).toBeCloseTo(100, 10);
    expect([...thirds].sort()).toEqual(['33.33%', '33.33%', '33.34%']);
    // 1/6, 1/6, 4/6: 16.67 + 16.67 + 66.67 = 100.01 → the item rounded up the most gives back 0.01.
    const sixths = sharesSummingTo100([dec(1), dec(1), dec(4)], 2)!;
    expect(sixths.map((s) => Number.parseFloat(s)).reduce((a, b) => a + b, 0)).toBeCloseTo(100, 10);
  });

  it('has no shares for an all-zero block', () => {
    expect(sharesSummingTo100([dec(0), dec(0)], 2)).toBeUndefined();
  });
});
