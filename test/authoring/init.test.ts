/**
 * `jixiao init YEAR --from PREVIOUS` on temporary copies of the example content: what is carried equals
 * last year's YAML (read with the yaml library, not through jixiao), what is cleared is gone or marked,
 * history moves on a year, an existing year is refused with nothing changed, and a new year filled in
 * (placeholders replaced by last year's figures) checks clean and builds with the new year in its title.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli } from '../helpers/cli.js';
import { pdfText, squeeze } from '../helpers/read-output.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const SCHEMA_LINE = '# yaml-language-server: $schema=../../../schema/content.schema.json';
const temps: string[] = [];

/** A temporary project folder holding a copy of the example content, without the years given. */
function copyExample(...withoutYears: number[]): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'jixiao-init-'));
  temps.push(dir);
  cpSync(path.join(REPO, 'content'), path.join(dir, 'content'), { recursive: true });
  for (const y of withoutYears) rmSync(path.join(dir, 'content', String(y)), { recursive: true });
  return dir;
}

afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

function read(dir: string, rel: string): string {
  return readFileSync(path.join(dir, 'content', rel), 'utf8');
}

// biome-ignore lint/suspicious/noExplicitAny: YAML data read back for comparison
function data(dir: string, rel: string): any {
  return parse(read(dir, rel));
}

/** Every file under a folder with its bytes, to show that a refused init changed nothing. */
function snapshot(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(path.relative(root, p), readFileSync(p, 'base64'));
    }
  };
  walk(root);
  return out;
}

/** Fills every `key: # 待填写：…；2024 年为 X` with last year's X, as an author might to start from. */
function fillWithLastYear(dir: string, rel: string): number {
  const file = path.join(dir, 'content', rel);
  let count = 0;
  const text = readFileSync(file, 'utf8').replace(
    /^(\s*(?:- )?[^#\n]*?:) # 待填写：.*；\d{4} 年为 (.+)$/gm,
    (_m, key: string, value: string) => {
      count++;
      return `${key} ${/^[\d.]+%?$/.test(value) ? value : JSON.stringify(value)}`;
    },
  );
  writeFileSync(file, text);
  return count;
}

interface Finding {
  severity: string;
  code: string;
  at?: { file: string; line: number };
  message: string;
}

describe('jixiao init 2025 --from 2024 (tasks, goals, indicators)', () => {
  const dir = copyExample();
  const NEW = '2025/futian-minzheng';
  const OLD = '2024/futian-minzheng';
  let printed = '';
  let todoLines: number[] = [];

  it('creates every file of the unit and prints what to fill in, grouped by file', async () => {
    const r = await runCli(['init', '2025', '--from', '2024'], dir);
    expect(r.code, r.err).toBe(0);
    printed = r.out;
    expect(readdirSync(path.join(dir, 'content', NEW)).sort()).toEqual(
      readdirSync(path.join(dir, 'content', OLD)).sort(),
    );
    expect(r.out).toContain('已根据 2024 年度创建 2025 年度：content/2025/（1 个单位，4 个文件）');
    // 24 amounts: 4 tasks without items, 20 items.
    expect(r.out).toContain('必须填写（24 项');
    expect(r.out).toContain('  content/2025/futian-minzheng/tasks.yaml');
    expect(r.out).toContain('“局办公场所日常修缮”的明细金额（万元）；2024 年为 5');
    expect(r.out).toContain('“基本支出”的预算金额（万元）；2024 年为 1219.80');
    // A carried target that still names last year is pointed out.
    expect(r.out).toMatch(/indicators\.yaml（第 \d+ 行提到 2024 年）/);
    // Written through a hidden folder renamed into place: nothing of it is left.
    expect(readdirSync(path.join(dir, 'content')).filter((f) => f.startsWith('.'))).toEqual([]);
    todoLines = [...r.out.matchAll(/第 (\d+) 行：“[^”]+”的(?:明细金额|预算金额)/g)].map((m) => Number(m[1]));
    expect(todoLines).toHaveLength(24);
  });

  it('keeps the JSON Schema comment as the first line of every YAML file', () => {
    for (const f of ['unit.yaml', 'tasks.yaml', 'goals.yaml', 'indicators.yaml']) {
      expect(read(dir, `${NEW}/${f}`).split('\n')[0]).toBe(SCHEMA_LINE);
    }
  });

  it('carries the unit, goals and indicators unchanged', () => {
    expect(data(dir, `${NEW}/unit.yaml`)).toEqual(data(dir, `${OLD}/unit.yaml`));
    expect(data(dir, `${NEW}/goals.yaml`)).toEqual(data(dir, `${OLD}/goals.yaml`));
    expect(data(dir, `${NEW}/indicators.yaml`)).toEqual(data(dir, `${OLD}/indicators.yaml`));
    expect(read(dir, `${NEW}/indicators.yaml`)).toContain('target: 2024 年 12 月完成');
  });

  it('carries task names, descriptions and item names; clears every amount and the approved figures', () => {
    const now = data(dir, `${NEW}/tasks.yaml`).tasks;
    const then = data(dir, `${OLD}/tasks.yaml`).tasks;
    expect(now).toHaveLength(then.length);
    then.forEach((t: Record<string, unknown>, i: number) => {
      const n = now[i];
      expect(n.name).toBe(t.name);
      expect(n.description).toBe(t.description);
      expect(n.approved).toBeUndefined();
      if (t.items) {
        expect(n.items.map((x: { name: string }) => x.name)).toEqual(
          (t.items as { name: string }[]).map((x) => x.name),
        );
        for (const item of n.items) expect(item.amount).toBeNull();
      } else {
        expect('amount' in n).toBe(true);
        expect(n.amount).toBeNull();
      }
    });
    const text = read(dir, `${NEW}/tasks.yaml`);
    expect(text).toContain('amount: # 待填写：“基本支出”的预算金额（万元）；2024 年为 1219.80');
    expect(text).toContain('# 可填写：“一般类项目(非政府投资项目)”的预算批复数（核对用）；2024 年为 20.38');
    // Last year's transcription notes are not carried.
    expect(text).not.toContain('the seed prints');
  });

  it('jixiao check reports exactly the fields to fill in, at the lines init printed', async () => {
    const r = await runCli(['check', 'content', '--json'], dir);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out) as { findings: Finding[] };
    const mine = report.findings.filter((f) => f.at?.file.startsWith('content/2025/'));
    const errors = mine.filter((f) => f.severity === 'error');
    expect(errors.every((f) => f.at?.file === `content/${NEW}/tasks.yaml`)).toBe(true);
    expect(errors.map((f) => f.at!.line).sort((a, b) => a - b)).toEqual([...todoLines].sort((a, b) => a - b));
    // The only warnings are last year's, carried with the content (indicators the seed left unnamed).
    const lastYear = report.findings.filter((f) => f.at?.file.startsWith('content/2024/'));
    for (const w of mine.filter((f) => f.severity === 'warning'))
      expect(
        lastYear.some((f) => f.code === w.code && f.at?.file.replace('2024', '2025') === w.at?.file),
        `${w.code} ${w.at?.file}:${w.at?.line}`,
      ).toBe(true);
    expect(printed).not.toBe('');
  });

  it('refuses to run again: the year exists; nothing changes', async () => {
    const before = snapshot(path.join(dir, 'content'));
    const r = await runCli(['init', '2025', '--from', '2024'], dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain('2025 年度已经存在：content/2025/');
    expect(snapshot(path.join(dir, 'content'))).toEqual(before);
  });

  it('filled in, it checks clean and builds, the new year in the PDF title', {
    timeout: 240_000,
  }, async () => {
    expect(fillWithLastYear(dir, `${NEW}/tasks.yaml`)).toBe(24);
    const check = await runCli(['check', 'content'], dir);
    expect(check.code, check.out).toBe(0);
    rmSync(path.join(dir, 'content', '2024'), { recursive: true });
    rmSync(path.join(dir, 'content', '2020'), { recursive: true });
    rmSync(path.join(dir, 'content', '2021'), { recursive: true });
    rmSync(path.join(dir, 'content', '2022'), { recursive: true });
    const build = await runCli(['build', 'content', '--out', 'out', '--format', 'pdf'], dir);
    expect(build.code, build.err + build.out).toBe(0);
    const pdfs = readdirSync(path.join(dir, 'out', '2025'), { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.pdf'));
    expect(pdfs.length).toBeGreaterThan(0);
    const table = pdfs.find((f) => f.includes('部门整体支出绩效目标表'));
    expect(table).toBeDefined();
    const text = squeeze(pdfText(path.join(dir, 'out', '2025', table!), { first: 1, last: 1 }));
    expect(text).toContain('部门整体支出绩效目标表（2025年度）');
    expect(text).toContain('深圳市福田区民政局(本级)');
    expect(text).toContain('1219.80');
  });
});

describe('jixiao init 2023 --from 2022 (funding and goal indicators with two prior years)', () => {
  // The example's 2023 holds the region packs' demo units; this starts 2023 afresh from 2022.
  const dir = copyExample(2023);
  const NEW = '2023/qingshan-minzheng';
  const OLD = '2022/qingshan-minzheng';

  it('shifts 近两年收支情况: last year’s second prior year and last year’s budget', async () => {
    const r = await runCli(['init', '2023', '--from', '2022'], dir);
    expect(r.code, r.err).toBe(0);
    const now = data(dir, `${NEW}/funding.yaml`).funding;
    const then = data(dir, `${OLD}/funding.yaml`).funding;
    for (const side of ['income', 'expenditure'] as const) {
      then[side].forEach(
        (line: { name: string; budget: number; history: Record<number, number> }, i: number) => {
          expect(now[side][i].name).toBe(line.name);
          expect(now[side][i].budget).toBeNull();
          expect(now[side][i].history).toEqual({ 2021: line.history[2021], 2022: line.budget });
        },
      );
    }
    // Money keeps its written digits when shifted.
    expect(read(dir, `${NEW}/funding.yaml`)).toMatch(/2022: 6009\.09 # 待核对：2022 年取自上年的当年预算/);
    expect(r.out).toContain('“财政拨款”的当年预算（万元）；2022 年为 6009.09');
    expect(r.out).toMatch(/第 \d+ 行：2022 年取自上年的当年预算/);
  });

  it('shifts 近两年指标值: last year’s later prior year and last year’s 指标值; keeps targets and standards', () => {
    const now = data(dir, `${NEW}/goals.yaml`).goals;
    const then = data(dir, `${OLD}/goals.yaml`).goals;
    expect(now.long_term).toEqual(then.long_term);
    expect(now.annual).toHaveLength(then.annual.length);
    then.annual.forEach((goal: { title: string; text: string; indicators: unknown[] }, g: number) => {
      expect(now.annual[g].title).toBe(goal.title);
      expect(now.annual[g].text).toBe(goal.text);
      goal.indicators.forEach((group, k) => {
        const { items, ...labels } = group as { items: Record<string, unknown>[] };
        const nowGroup = now.annual[g].indicators[k];
        expect(nowGroup).toMatchObject(labels);
        items.forEach((item, j) => {
          const n = nowGroup.items[j];
          expect(n.name).toBe(item.name);
          expect(n.target).toBe(item.target);
          expect(n.standard).toBe(item.standard);
          const h = item.history as Record<number, string>;
          expect(n.history).toEqual({ 2021: h[2021], 2022: item.target });
        });
      });
    });
  });

  it('carries the unit facts except the date, which is marked', () => {
    const { date, ...rest } = data(dir, `${OLD}/unit.yaml`).unit;
    expect(date).toBeDefined();
    expect(data(dir, `${NEW}/unit.yaml`).unit).toEqual(rest);
    expect(read(dir, `${NEW}/unit.yaml`)).toContain('# 可填写：“青山区民政局(汇总)”的填报日期');
  });

  it('filled in, the year checks clean', async () => {
    expect(fillWithLastYear(dir, `${NEW}/funding.yaml`)).toBe(4);
    const r = await runCli(['check', 'content', '--json'], dir);
    const report = JSON.parse(r.out) as { findings: Finding[] };
    expect(report.findings.filter((f) => f.at?.file.startsWith('content/2023/'))).toEqual([]);
    expect(r.code).toBe(0);
  });
});

describe('jixiao init 2021 --from 2020 (a department with its sub-unit, projects)', () => {
  it('refuses while 2021 exists, and changes nothing', async () => {
    const dir = copyExample();
    const before = snapshot(path.join(dir, 'content'));
    const r = await runCli(['init', '2021', '--from', '2020'], dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain('2021 年度已经存在');
    expect(r.err).toContain('不会覆盖');
    expect(snapshot(path.join(dir, 'content'))).toEqual(before);
    expect(readdirSync(path.join(dir, 'content')).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  const dir = copyExample(2021);
  const units = ['2021/longgang-minzheng', '2021/longgang-minzheng/wangge-longgang'];

  it('creates the department and its sub-unit', async () => {
    const r = await runCli(['init', '2021', '--from', '2020'], dir);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('（2 个单位，4 个文件）');
    expect(r.out).toContain('content/2021/longgang-minzheng/wangge-longgang/projects.yaml');
    for (const u of units) {
      expect(read(dir, `${u}/projects.yaml`).split('\n')[0]).toBe(
        u.includes('wangge') ? SCHEMA_LINE.replace('$schema=', '$schema=../') : SCHEMA_LINE,
      );
      const old = u.replace('2021/', '2020/');
      expect(data(dir, `${u}/unit.yaml`)).toEqual(data(dir, `${old}/unit.yaml`));
    }
  });

  it('carries names, goals and indicator targets; clears budgets, spending and every result', () => {
    for (const u of units) {
      const now = data(dir, `${u}/projects.yaml`).projects;
      const then = data(dir, `${u.replace('2021/', '2020/')}/projects.yaml`).projects;
      expect(now).toHaveLength(then.length);
      then.forEach((p: Record<string, unknown>, i: number) => {
        const n = now[i];
        expect(n.name).toBe(p.name);
        expect(n.goal).toBe(p.goal);
        expect(n.budget).toBeNull();
        for (const cleared of ['adjustments', 'filed_rate', 'completion', 'problems', 'rectification'])
          expect(n[cleared]).toBeUndefined();
        // One empty line per fund source used last year.
        const used = Object.entries(p.spending as Record<string, unknown>)
          .filter(([, v]) => v !== '-')
          .map(([k]) => k);
        expect(Object.keys(n.spending)).toEqual(used.length ? used : ['general_budget']);
        expect(Object.values(n.spending).every((v) => v === null)).toBe(true);
        const groups = p.indicators as { level1: string; level2: string; items: Record<string, unknown>[] }[];
        expect(n.indicators).toEqual(
          groups.map((g) => ({
            ...g,
            items: g.items.map(({ actual: _a, ...rest }) => rest),
          })),
        );
      });
    }
    const text = read(dir, `${units[0]}/projects.yaml`);
    expect(text).toContain('budget: # 待填写：“社会组织管理”的项目年度预算金额（万元）；2020 年为 102');
    expect(text).toContain('# 可填写：“社会组织管理”的完成值（年终自评时填写）');
    expect(text).toContain(
      'government_fund: # 待填写：“社区服务中心运营”的政府性基金（万元）；2020 年为 2934.55',
    );
  });

  it('filled in, the year checks clean', async () => {
    for (const u of units) fillWithLastYear(dir, `${u}/projects.yaml`);
    const r = await runCli(['check', 'content', '--json'], dir);
    const report = JSON.parse(r.out) as { findings: Finding[] };
    // Only warnings: without last year's adjustments two projects now spend more than their budget.
    const mine = report.findings.filter((f) => f.at?.file.startsWith('content/2021/'));
    expect(mine.filter((f) => f.severity === 'error')).toEqual([]);
    expect(mine.map((f) => f.message).join('\n')).toContain('超过调整后预算');
    expect(r.code).toBe(0);
  });
});

describe('jixiao init 2022 --from 2021 (evidence, evaluation, report narrative)', () => {
  const dir = copyExample(2022);
  const NEW = '2022/longgang-minzheng';
  const OLD = '2021/longgang-minzheng';

  it('empties every evidence figure and judged score; keeps the framework', async () => {
    const r = await runCli(['init', '2022', '--from', '2021'], dir);
    expect(r.code, r.err).toBe(0);
    const leaves = (v: unknown): unknown[] =>
      v && typeof v === 'object' ? Object.values(v).flatMap(leaves) : [v];
    const evidence = data(dir, `${NEW}/evidence.yaml`).evidence;
    expect(Object.keys(evidence)).toEqual(Object.keys(data(dir, `${OLD}/evidence.yaml`).evidence));
    expect(leaves(evidence).every((v) => v === null)).toBe(true);
    const evaluation = data(dir, `${NEW}/evaluation.yaml`).evaluation;
    expect(evaluation.framework).toBe('shenzhen-2021');
    expect(evaluation.scores['预算编制合理性']).toEqual({ score: null });
    expect(evaluation.scores['政府采购执行情况']).toEqual({ parts: { 政府采购政策功能: null } });
    // Leaves scored from evidence carried only a note: nothing to fill in.
    expect(evaluation.scores['预算执行率']).toBeUndefined();
    expect(r.out).toContain('部门预算（万元）；2021 年为 21044.23');
  });

  it('keeps the report’s headings (last year’s year as {{年度}}) and replaces its prose by placeholders', async () => {
    const oldText = read(dir, `${OLD}/report.md`);
    const newText = read(dir, `${NEW}/report.md`);
    const headings = (t: string) => t.split('\n').filter((l) => /^#{1,4} /.test(l));
    expect(headings(newText)).toEqual(headings(oldText).map((h) => h.replace(/2021/g, '{{年度}}')));
    expect(newText).not.toContain('区民政局是区政府主管民政事务的工作部门');
    const sections = newText.match(/<!-- 待填写：本节正文/g) ?? [];
    expect(sections).toHaveLength(18);
    expect(newText).toContain('上年引用的数据：{{部门预算}}');
  });

  it('jixiao check reports each empty figure and score until filled in', async () => {
    const r = await runCli(['check', 'content', '--json'], dir);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out) as { findings: Finding[] };
    const mine = report.findings.filter((f) => f.at?.file.startsWith('content/2022/'));
    expect(mine).toHaveLength(48);
    expect(mine.every((f) => f.severity === 'error')).toBe(true);
    expect(fillWithLastYear(dir, `${NEW}/evidence.yaml`)).toBe(35);
    expect(fillWithLastYear(dir, `${NEW}/evaluation.yaml`)).toBe(13);
    const filled = await runCli(['check', 'content', '--json'], dir);
    const after = JSON.parse(filled.out) as { findings: Finding[] };
    expect(after.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe('jixiao init 2022 --from 2021 (the fields the provincial forms print)', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'jixiao-init-'));
  temps.push(dir);
  cpSync(path.join(REPO, 'test/fixtures/form-fields/content'), path.join(dir, 'content'), {
    recursive: true,
  });
  const NEW = '2022/sichuan-demo';

  it('carries names and standing facts, empties fund budgets, offers the year-end figures', async () => {
    const r = await runCli(['init', '2022', '--from', '2021'], dir);
    expect(r.code, r.err).toBe(0);
    const then = data(dir, '2021/sichuan-demo/projects.yaml').projects;
    const [care, relief] = data(dir, `${NEW}/projects.yaml`).projects;
    // Each fund source stays; 年初预算数 is to fill in; 调整后预算数 and 执行数 come at the year end.
    expect(care.funds).toEqual([
      { source: '财政资金', budget: null },
      { source: '财政专户管理资金', budget: null },
      { source: '单位资金', budget: null },
    ]);
    // A row left blank last year stays blank.
    expect(relief.funds).toEqual([{ source: '当年财政拨款', budget: null }, { source: '上年结转资金' }]);
    // A project carried on is 延续; its code and the people responsible stay.
    expect(care).toMatchObject({
      attribute: '延续',
      code: '510000-0001',
      manager: '李四',
      finance_manager: '王五',
    });
    for (const cleared of ['implementation', 'conclusion', 'completion', 'problems', 'rectification'])
      expect(care[cleared]).toBeUndefined();
    // Indicator columns carry; 得分系数 is the year end's, 年初指标值 was last year's adjustment.
    const { actual: _a, coefficient: _c, initial_target: _i, ...carried } = then[0].indicators[0].items[0];
    expect(care.indicators[0].items[0]).toEqual(carried);
    expect(carried).toMatchObject({ core: '是', explanation: '全年参加培训的人次', note: '含线上培训' });
    expect(care.indicators[0].items[1].nature).toBe('=');
    expect(data(dir, `${NEW}/unit.yaml`).unit).toEqual(data(dir, '2021/sichuan-demo/unit.yaml').unit);
    const text = read(dir, `${NEW}/projects.yaml`);
    expect(text).toContain('budget: # 待填写：“社区养老服务”的年初预算数（万元）；2021 年为 80');
    expect(text).toContain('# 可填写：“社区养老服务”的执行数（年终自评时填写）');
    expect(text).toContain('# 可填写：“社区养老服务”的评价结论（年终自评时填写）');
    expect(text).toContain('# 可填写：“培训人次”的得分系数（年终自评时填写）');
    expect(text).toContain('attribute: 延续 # 待核对：“社区养老服务”的项目属性由 2021 年的“新增”改为“延续”');
  });

  it('jixiao check names each empty 年初预算数 in Chinese at its line', async () => {
    const r = await runCli(['check', 'content', '--json'], dir);
    const report = JSON.parse(r.out) as { findings: Finding[] };
    const empty = report.findings.filter(
      (f) => f.code === 'empty-field' && f.at?.file === `content/${NEW}/projects.yaml`,
    );
    expect(empty.filter((f) => f.message.includes('年初预算数尚未填写'))).toHaveLength(4);
  });
});

describe('jixiao init: usage and missing years', () => {
  it('--from a year that does not exist → exit 1, a clear message, nothing written', async () => {
    const dir = copyExample();
    const r = await runCli(['init', '2031', '--from', '2030'], dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain('找不到 2030 年度的内容：content/2030/ 不存在');
    expect(existsSync(path.join(dir, 'content', '2031'))).toBe(false);
  });

  it('without --from, or with the years the wrong way round → usage (exit 2)', async () => {
    const dir = copyExample();
    expect((await runCli(['init', '2025'], dir)).code).toBe(2);
    const r = await runCli(['init', '2023', '--from', '2024'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain('新年度 2023 应晚于 --from 的年度 2024');
    expect((await runCli(['init', '25', '--from', '2024'], dir)).code).toBe(2);
  });

  it('--json lists the files and every item to fill in with its line', async () => {
    const dir = copyExample();
    const r = await runCli(['init', '2025', '--from', '2024', '--json'], dir);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out) as { files: string[]; todo: { required: boolean; line: number }[] };
    expect(out.files).toContain('content/2025/futian-minzheng/tasks.yaml');
    expect(out.todo.filter((t) => t.required)).toHaveLength(24);
  });
});
