import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Findings } from '../../src/diagnostics/finding.js';
import { loadFrameworkFile } from '../../src/scoring/framework.js';
import { FRAMEWORKS, shipped } from './helpers.js';

const SHENZHEN = readFileSync(path.join(FRAMEWORKS, 'shenzhen-2021.yaml'), 'utf8');

/** Writes a variant of a framework into a temp folder and loads it. */
function loadVariant(text: string) {
  const dir = mkdtempSync(path.join(tmpdir(), 'jixiao-fw-'));
  const file = path.join(dir, 'variant.yaml');
  writeFileSync(file, text);
  const findings = new Findings();
  const fw = loadFrameworkFile(file, findings, undefined, dir);
  return { fw, findings: findings.sorted() };
}

function lineOf(text: string, needle: string, after = 0): number {
  const lines = text.split('\n');
  const i = lines.findIndex((l, k) => k >= after && l.includes(needle));
  if (i < 0) throw new Error(needle);
  return i + 1;
}

describe('shipped frameworks', () => {
  it('shenzhen-2021 is consistent: 21 leaves, weights 20 + 20 + 60 = 100', () => {
    const fw = shipped('shenzhen-2021');
    expect(fw.leaves).toHaveLength(21);
    expect(fw.roots.map((r) => r.weightText)).toEqual(['20', '20', '60']);
    expect(fw.total.toFixed()).toBe('100');
    expect(fw.leaves.find((l) => l.name === '绩效目标完整性')?.standard).toContain('（8分）');
  });
});

describe('framework checks', () => {
  it('部门绩效 printed 55 (as seed 002 filed it): a finding at that line naming 55 and 60', () => {
    const start = lineOf(SHENZHEN, '- name: 部门绩效');
    const weightLine = lineOf(SHENZHEN, 'weight: 60', start);
    const lines = SHENZHEN.split('\n');
    lines[weightLine - 1] = lines[weightLine - 1]!.replace('weight: 60', 'weight: 55');
    const { fw, findings } = loadVariant(lines.join('\n'));
    const mismatch = findings.find((f) => f.code === 'framework-weight-mismatch');
    expect(mismatch?.at?.line).toBe(weightLine);
    expect(mismatch?.message).toContain('部门绩效');
    expect(mismatch?.message).toContain('55');
    expect(mismatch?.message).toContain('60');
    expect(mismatch?.expected).toBe('60');
    expect(mismatch?.found).toBe('55');
    // 20 + 20 + 55 = 95 is not the total 100 either.
    const total = findings.find((f) => f.code === 'framework-total-mismatch');
    expect(total?.message).toContain('95');
    expect(total?.at?.line).toBe(lineOf(SHENZHEN, 'total: 100'));
    // The leaves still score: the framework stays usable.
    expect(fw?.usable).toBe(true);
  });

  it('a leaf without a rule', () => {
    const text = SHENZHEN.replace(/(- name: 管理制度健全性[\s\S]*?)\n\s+rule: \{ kind: judged \}/, '$1');
    const { fw, findings } = loadVariant(text);
    const f = findings.find((x) => x.code === 'framework-leaf-without-rule');
    expect(f?.message).toContain('管理制度健全性');
    expect(f?.at?.line).toBe(lineOf(text, '- name: 管理制度健全性'));
    expect(fw?.usable).toBe(false);
  });

  it('tiers with a gap or an overlap (a bound written < where the rule says ≤)', () => {
    const text = SHENZHEN.replace(
      '- { gte: 5%, lte: 10%, points: 0.5 }',
      '- { gte: 5%, lt: 10%, points: 0.5 }',
    );
    const { findings } = loadVariant(text);
    const f = findings.find((x) => x.code === 'framework-tier-coverage');
    expect(f?.message).toContain('编外人员控制率');
    expect(f?.message).toContain('10%');
    const overlap = loadVariant(SHENZHEN.replace('- { lt: 60%, points: 0 }', '- { lte: 60%, points: 0 }'));
    expect(overlap.findings.find((x) => x.code === 'framework-tier-coverage')?.message).toContain('重叠');
  });

  it('a tier above the leaf’s weight', () => {
    const { findings } = loadVariant(
      SHENZHEN.replace('- { gte: 95%, points: 6 }', '- { gte: 95%, points: 7 }'),
    );
    const f = findings.find((x) => x.code === 'framework-tier-above-weight');
    expect(f?.message).toContain('7');
    expect(f?.message).toContain('6');
  });

  it('parts of a sum that do not add up to the leaf', () => {
    const text = SHENZHEN.replace(
      '- name: 政府采购政策功能\n                    weight: 1',
      '- name: 政府采购政策功能\n                    weight: 2',
    );
    const f = loadVariant(text).findings.find((x) => x.code === 'framework-parts-mismatch');
    expect(f?.message).toContain('政府采购执行情况');
    expect(f?.message).toContain('3');
  });

  it('an evidence field that does not exist, with a did-you-mean', () => {
    const text = SHENZHEN.replace('fields: [procurement.actual]', 'fields: [procurement.actuall]');
    const { findings } = loadVariant(text);
    const f = findings.find((x) => x.code === 'framework-unknown-evidence');
    expect(f?.message).toContain('procurement.actuall');
    expect(f?.message).toContain('procurement.actual');
    expect(f?.at?.line).toBe(lineOf(text, 'procurement.actuall'));
  });

  it('schema problems name the field in Chinese at its line', () => {
    const text = SHENZHEN.replace(
      'weight: 5\n              description: 部门(单位)预算的合理性',
      'weight: 五\n              description: 部门(单位)预算的合理性',
    );
    const { fw, findings } = loadVariant(text);
    expect(fw).toBeUndefined();
    expect(findings[0]?.message).toContain('参考分值');
    expect(findings[0]?.at?.line).toBe(lineOf(text, 'weight: 五'));
  });
});
