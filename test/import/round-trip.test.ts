/**
 * Round trip (issue 17 item 3): the example year built to XLSX (`jixiao build --format xlsx`), each
 * workbook imported into an empty folder and checked: the imported content gives the same printed figures
 * and scores as the original content.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fg from 'fast-glob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComputedUnit } from '../../src/compute/unit.js';
import { type CellFigure, runsText, type Table } from '../../src/document/types.js';
import { percentText } from '../../src/money/decimal.js';
import { type CheckedContent, checkContent } from '../../src/pipeline/check-content.js';
import { planDocuments } from '../../src/pipeline/plan-documents.js';
import { renderTemplateToDocument } from '../../src/render/index.js';
import { runCli } from '../helpers/cli.js';
import { checked, cleanup, importInto, project } from './helpers.js';

const REPO = path.resolve(import.meta.dirname, '../..');
let original: CheckedContent;
let built: string;

beforeAll(async () => {
  original = await checkContent('content', REPO);
  built = mkdtempSync(path.join(os.tmpdir(), 'jixiao-import-xlsx-'));
  const r = await runCli(
    ['build', '--format', 'xlsx', '--only', '2020/longgang-minzheng,national-demo,futian', '--out', built],
    REPO,
  );
  expect(r.code, r.out + r.err).toBe(0);
}, 300_000);
afterAll(cleanup);

/** The built workbooks of a unit folder whose names match. */
function workbooks(unitDir: string, pattern: string): Buffer[] {
  const found = fg.sync(`${unitDir}/${pattern}`, { cwd: built }).sort();
  expect(found.length, `${unitDir}/${pattern}`).toBeGreaterThan(0);
  return found.map((f) => readFileSync(path.join(built, f)));
}

function unit(content: CheckedContent, id: string): ComputedUnit {
  const u = content.units.find((x) => x.id === id);
  expect(u, `unit ${id}`).toBeDefined();
  return u!;
}

describe('round trip: example documents → workbook → import → check', () => {
  it('2020 龙岗区民政局本级 部门预算项目绩效自评表: every printed cell but the rate, which is the filed one', async () => {
    const [book] = workbooks(
      '2020/longgang-minzheng',
      '2020年深圳市龙岗区民政局部门预算项目绩效自评表（本级）.xlsx',
    );
    const dir = project();
    const r = await importInto(dir, 'longgang.xlsx', book!, '--out', 'content/2020/longgang-minzheng');
    expect(r.code, r.out).toBe(0);
    const { cli, content } = await checked(dir);
    expect(cli.code, cli.out).toBe(0);
    const before = unit(original, '2020/longgang-minzheng');
    const after = unit(content, '2020/longgang-minzheng');
    // The printed table (the form's intermediate document), each row's cells but the 执行率 (a percentage).
    const rowsOf = (content: CheckedContent) => {
      const planned = planDocuments(content).find(
        (p) => p.unit.id === '2020/longgang-minzheng' && p.kind.id === 'shenzhen/project-self-evaluation',
      )!;
      const doc = renderTemplateToDocument(planned.kind.template, planned.context);
      const table = doc.sections.flatMap((sec) => sec.blocks).find((b): b is Table => b.kind === 'table')!;
      return table.rows
        .slice(table.headerRows)
        .map((row) =>
          row.cells
            .filter((c) => (c.figure as CellFigure | undefined)?.kind !== 'percent')
            .map((c) => runsText(c.runs)),
        );
    };
    // Name, budget, 合计 and each source, texts and every indicator cell as printed; the table's 合计 too.
    const printed = rowsOf(original);
    expect(printed.length).toBeGreaterThan(1);
    expect(rowsOf(content)).toEqual(printed);
    // The adjustments behind the rate are not on the form: the rate comes back as the filed rate, equal
    // to what jixiao printed (e.g. 社会组织管理 93.99 ÷ (102 − 6 − 2) = 99.99% → 100.0%).
    expect(after.projects.map((p) => p.source.filed_rate)).toEqual(
      before.projects.map((p) => percentText(p.executionRate!, 1)),
    );
    expect(after.projects[0]!.source.filed_rate).toBe('100.0%');
  });

  it('2023 national-demo 项目支出绩效自评表 (one workbook per project): the same funds, scores and grades', async () => {
    const books = workbooks('2023/national-demo', '*项目支出绩效自评表*.xlsx');
    const dir = project();
    const names = books.map((_, i) => `p${i + 1}.xlsx`);
    for (const [i, b] of books.entries()) writeFileSync(path.join(dir, names[i]!), b);
    const r = await runCli(['import', ...names, '--out', 'content/2023/national-demo'], dir);
    expect(r.code, r.out).toBe(0);
    const { cli, content } = await checked(dir);
    expect(cli.out).toContain('0 个错误');
    const scores = (c: CheckedContent) =>
      (c.projectScores.get('2023/national-demo') ?? []).map((g) => ({
        name: g.name,
        execution: g.execution.scoreText,
        indicators: g.indicators.map((i) => (i as { scoreText?: string }).scoreText),
        total: g.totalText,
        grade: g.grade,
      }));
    // 公共文化服务补助: 9.45 + 20 + 15 + 14.21 + 30 + 9.78 = 98.44 → 优 (worked out in test/forms/national.test.ts).
    expect(scores(content)[0]).toMatchObject({ name: '公共文化服务补助', total: '98.44', grade: '优' });
    expect(scores(content)).toEqual(scores(original));
    const funds = (u: ComputedUnit) =>
      u.projects.map((p) => [
        p.initialBudget.toFixed(2),
        p.adjustedBudget.toFixed(2),
        p.actualTotal.toFixed(2),
      ]);
    expect(funds(unit(content, '2023/national-demo'))).toEqual(funds(unit(original, '2023/national-demo')));
  });

  it('2024 福田区民政局 部门整体支出绩效目标表: tasks at their printed amounts, goals and indicators', async () => {
    const [book] = workbooks('2024/futian-minzheng', '*部门整体支出绩效目标表.xlsx');
    const dir = project();
    const r = await importInto(dir, 'futian.xlsx', book!, '--out', 'content/2024/futian-minzheng');
    expect(r.code, r.out).toBe(0);
    const { cli, content } = await checked(dir);
    expect(cli.code, cli.out).toBe(0);
    const before = unit(original, '2024/futian-minzheng');
    const after = unit(content, '2024/futian-minzheng');
    const tasks = (u: ComputedUnit) =>
      u.tasks!.tasks.map((t) => [t.source.name, t.total.toFixed(2), t.fiscal.toFixed(2), t.other.toFixed(2)]);
    // 一般管理事务 319.86 + 5.64 + 2 + 0.3 + 122.052 = 449.852, printed and imported as 449.85.
    expect(tasks(after)).toEqual(tasks(before));
    // 金额合计 3980.52, as printed.
    expect(after.tasks!.total.toFixed(2)).toBe(before.tasks!.total.toFixed(2));
    const indicators = (u: ComputedUnit) =>
      u.indicators.map((g) => [
        g.level1,
        g.level2,
        g.items.map((i) => [i.source.name ?? '', i.source.target]),
      ]);
    expect(indicators(after)).toEqual(indicators(before));
    expect(after.goals.map((g) => [g.source.title ?? '', g.source.text])).toEqual(
      before.goals.map((g) => [g.source.title ?? '', g.source.text]),
    );
  });
});
