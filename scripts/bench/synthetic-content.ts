/**
 * Synthetic content for the benchmark: N units, each holding every part the example year has (projects
 * with indicators, tasks, goals, funding, evidence, a self-evaluation under shenzhen-2021 and a narrative
 * report of several thousand characters), so each unit gets all five documents. Units are variations of the
 * example year's seeds, so every figure still checks.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';

const REPO = path.resolve(import.meta.dirname, '../..');
const read = (rel: string) =>
  parse(readFileSync(path.join(REPO, 'content', rel), 'utf8')) as Record<string, unknown>;

export interface SyntheticOptions {
  units: number;
  /** Projects per unit beyond the 14 of seed 000 (each with 7 indicator groups). */
  extraProjects?: number;
  year?: number;
}

/** Rewrites history keys (two prior years) from the seed's year to the synthetic year. */
function shiftHistory(value: unknown, from: number, to: number): unknown {
  if (Array.isArray(value)) return value.map((v) => shiftHistory(v, from, to));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === 'history' && v && typeof v === 'object') {
        out[k] = Object.fromEntries(Object.entries(v).map(([y, h]) => [String(Number(y) - from + to), h]));
      } else out[k] = shiftHistory(v, from, to);
    }
    return out;
  }
  return value;
}

export function generateContent(root: string, options: SyntheticOptions): string[] {
  const year = options.year ?? 2024;
  const projects = read('2020/longgang-minzheng/projects.yaml')['projects'] as Array<Record<string, unknown>>;
  const template = projects.find((p) => p['name'] === '社区民生实事大盆菜')!;
  const evidence = read('2021/longgang-minzheng/evidence.yaml');
  const evaluation = read('2021/longgang-minzheng/evaluation.yaml');
  const funding = shiftHistory(read('2022/qingshan-minzheng/funding.yaml'), 2022, year);
  const goalsDeclaration = shiftHistory(read('2022/qingshan-minzheng/goals.yaml'), 2022, year) as Record<
    string,
    unknown
  >;
  const tasks = read('2024/futian-minzheng/tasks.yaml');
  const indicators = read('2024/futian-minzheng/indicators.yaml');
  const facts = read('2022/qingshan-minzheng/unit.yaml')['unit'] as Record<string, unknown>;
  const report = readFileSync(path.join(REPO, 'content/2021/longgang-minzheng/report.md'), 'utf8');
  const dirs: string[] = [];
  for (let i = 1; i <= options.units; i++) {
    const id = String(i).padStart(3, '0');
    const dir = path.join(root, String(year), `unit-${id}`);
    mkdirSync(dir, { recursive: true });
    const extra = Array.from({ length: options.extraProjects ?? 0 }, (_, k) => ({
      ...template,
      name: `${template['name']}（扩展${k + 1}）`,
      filed_rate: undefined,
    }));
    const files: Record<string, unknown> = {
      'unit.yaml': {
        unit: {
          ...facts,
          name: `示例区民政局第${id}单位`,
          short_name: `第${id}单位`,
          date: `${year}-01-14`,
          rate_decimals: 1,
          framework: 'shenzhen-2021',
        },
      },
      'projects.yaml': { projects: [...projects, ...extra] },
      'evidence.yaml': evidence,
      'evaluation.yaml': evaluation,
      'funding.yaml': funding,
      'goals.yaml': goalsDeclaration,
      'tasks.yaml': tasks,
      'indicators.yaml': indicators,
    };
    for (const [name, data] of Object.entries(files)) {
      writeFileSync(path.join(dir, name), stringify(data, { lineWidth: 0 }));
    }
    writeFileSync(path.join(dir, 'report.md'), report);
    dirs.push(dir);
  }
  return dirs;
}
