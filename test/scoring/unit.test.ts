import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkContent } from '../../src/pipeline/check-content.js';
import { scoringTableRows } from '../../src/scoring/index.js';
import { SEED_002_SCORES } from '../fixtures/seed-002-scores.js';
import { runCli } from '../helpers/cli.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const EXAMPLE = path.join(ROOT, 'content/2021/longgang-minzheng');

const PRINTED = SEED_002_SCORES;

/** A copy of the seed-002 unit whose evaluation.yaml is edited, checked from a folder without frameworks/. */
async function checkVariant(edit: (evaluation: string) => string, evidenceEdit?: (e: string) => string) {
  const dir = mkdtempSync(path.join(tmpdir(), 'jixiao-score-'));
  const unit = path.join(dir, 'content/2021/unit');
  cpSync(EXAMPLE, unit, { recursive: true });
  const evaluation = edit(readFileSync(path.join(unit, 'evaluation.yaml'), 'utf8'));
  writeFileSync(path.join(unit, 'evaluation.yaml'), evaluation);
  if (evidenceEdit) {
    const file = path.join(unit, 'evidence.yaml');
    writeFileSync(file, evidenceEdit(readFileSync(file, 'utf8')));
  }
  const checked = await checkContent('content', dir);
  const ours = checked.findings
    .sorted()
    .filter(
      (f) => f.code.startsWith('score') || f.code.startsWith('override') || f.code.startsWith('framework'),
    );
  return {
    checked,
    findings: ours,
    evaluation,
    lineOf: (needle: string) => evaluation.split('\n').findIndex((l) => l.includes(needle)) + 1,
  };
}

describe('seed 002 self-evaluation', () => {
  it('totals 98.96 with every leaf as printed', async () => {
    const checked = await checkContent('content', ROOT);
    const scores = checked.scores.find((s) => s.unitId === '2021/longgang-minzheng');
    expect(scores?.framework.id).toBe('shenzhen-2021');
    expect(scores?.leaves.map((l) => [l.name, l.scoreText])).toEqual(PRINTED);
    // 5+5+3+7 + 1.98+3+3+2+2+2+1+1+0+3 + 6+5.98+8+6+25+3+6 = 98.96
    expect(scores?.totalText).toBe('98.96');
    expect(checked.findings.errorCount).toBe(0);
    // The author's notes take precedence over the generated ones.
    const extra = scores?.leaves.find((l) => l.name === '编外人员控制率');
    expect(extra?.noteSource).toBe('author');
  });

  it('table rows carry each leaf with its 一级/二级 groups', async () => {
    const checked = await checkContent('content', ROOT);
    const rows = scoringTableRows(checked.scores[0]!);
    expect(rows).toHaveLength(21);
    const groups = (i: number) => rows[i]!.ancestors.map((a) => `${a.name} ${a.weightText}`);
    expect(groups(0)).toEqual(['部门决策 20', '预算编制 10']);
    // Every row names its groups (the table merges them down), not only a group's first row.
    expect(groups(1)).toEqual(['部门决策 20', '预算编制 10']);
    expect(groups(14)).toEqual(['部门绩效 60', '经济性 6']);
  });

  it('jixiao check shows 自评得分 98.96', async () => {
    const r = await runCli(['check', 'content'], ROOT);
    expect(r.out).toContain('自评得分 98.96（框架 shenzhen-2021）');
  });
});

describe('self-evaluation findings', () => {
  it('generates the deduction note from the evidence when the author writes none', async () => {
    const { checked } = await checkVariant((e) =>
      e.replace(
        '    编外人员控制率:\n      note: 聘员 112 人，在编职员 76 人，在编公务员 18 人，在编工勤 5 人。\n',
        '    编外人员控制率: {}\n',
      ),
    );
    const leaf = checked.scores[0]?.leaves.find((l) => l.name === '编外人员控制率');
    expect(leaf?.noteSource).toBe('generated');
    expect(leaf?.note).toBe('编外人员控制率 53.08%（聘员 112 人，在职 211 人），高于 10%');
  });

  it('an unknown indicator name, with a did-you-mean', async () => {
    const { findings, lineOf } = await checkVariant((e) =>
      e.replace('    项目监管: { score: 2 }', '    项目监管: { score: 2 }\n    项目监督管理: { score: 2 }'),
    );
    const f = findings.find((x) => x.code === 'score-unknown-indicator');
    expect(f?.message).toContain('项目监督管理');
    expect(f?.message).toContain('是否应为“项目监管”');
    expect(f?.at?.line).toBe(lineOf('项目监督管理'));
  });

  it('a judged score above its weight, and below it without a note', async () => {
    const { findings, lineOf } = await checkVariant((e) =>
      e
        .replace('预算编制合理性: { score: 5 }', '预算编制合理性: { score: 6 }')
        .replace('财务合规性: { score: 3 }', '财务合规性: { score: 2.5 }'),
    );
    const above = findings.find((x) => x.code === 'score-above-weight');
    expect(above?.message).toContain('6');
    expect(above?.message).toContain('5');
    expect(above?.at?.line).toBe(lineOf('预算编制合理性'));
    const noNote = findings.find((x) => x.code === 'score-deduction-without-note');
    expect(noNote?.message).toContain('财务合规性');
    expect(noNote?.severity).toBe('warning');
  });

  it('an override without a reason is an error; with one, check shows the computed value beside it', async () => {
    const bad = await checkVariant((e) =>
      e.replace('    预算执行率:\n', '    预算执行率:\n      score: 6\n'),
    );
    const f = bad.findings.find((x) => x.code === 'override-without-reason');
    expect(f?.message).toContain('5.98');
    expect(f?.at?.line).toBe(bad.lineOf('score: 6'));

    const good = await checkVariant((e) =>
      e.replace(
        '    预算执行率:\n',
        '    预算执行率:\n      score: 6\n      override_reason: 第二季度支出进度按财政口径应为 50%\n',
      ),
    );
    expect(good.findings.filter((x) => x.severity === 'error')).toEqual([]);
    const scores = good.checked.scores[0]!;
    expect(scores.totalText).toBe('98.98'); // 98.96 − 5.98 + 6
    expect(scores.overrides[0]?.override?.computed?.toFixed()).toBe('5.98');
  });

  it('evidence a rule needs that the unit lacks: at evaluation.framework', async () => {
    const { findings, lineOf } = await checkVariant(
      (e) => e,
      (ev) => ev.replace(/ {2}procurement:\n {4}planned: 12322.31\n {4}actual: 12112.95\n/, ''),
    );
    const missing = findings.filter((x) => x.code === 'score-evidence-missing');
    expect(missing.map((m) => m.field)).toEqual(['实际采购金额', '采购计划金额']);
    expect(missing[0]?.at?.line).toBe(lineOf('framework: shenzhen-2021'));
  });

  it('a judged leaf without a score; an unknown framework name', async () => {
    const a = await checkVariant((e) => e.replace('    项目监管: { score: 2 }\n', ''));
    expect(a.findings.find((x) => x.code === 'score-missing')?.message).toContain('项目监管');
    expect(a.checked.scores[0]?.total).toBeUndefined();
    const b = await checkVariant((e) => e.replace('framework: shenzhen-2021', 'framework: shenzhen-2012'));
    expect(b.findings.find((x) => x.code === 'framework-unknown')?.message).toContain('shenzhen-2021');
  });
});
