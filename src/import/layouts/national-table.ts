/**
 * The national 项目支出绩效自评表 (财预〔2020〕10号, forms.md B1, and jixiao's national pack), one project
 * per sheet: 项目名称, 主管部门, 实施单位; 项目资金 rows by source under 年初预算数 | 全年预算数 | 全年执行数;
 * 年度总体目标 (预期目标 | 实际完成情况); the indicator table. 年度资金总额, 执行率, 分值 of the rate, 得分
 * and 总分 are computed by jixiao: the sheet's 年度资金总额 and 总分 分值 are compared with their items.
 */
import Big from 'big.js';
import { Scalar, type YAMLMap } from 'yaml';
import { FUND_SOURCE_FAMILIES } from '../../model/projects.js';
import { readAmount, readText, type Sourced } from '../cell-values.js';
import { headerName } from '../header-names.js';
import { type ColumnSpec, findHeader } from '../headers.js';
import { type ImportParts, setUnitFact } from '../parts.js';
import type { SheetFindings } from '../sheet-findings.js';
import type { Sheet } from '../workbook.js';
import { amountScalar, map, seq, YamlOut } from '../yaml-out.js';
import { compact, findLabel, ownCells, valueRightOf } from './form-text.js';
import { findIndicatorHeader, readIndicators } from './indicator-table.js';
import { compareTotal } from './totals.js';

export const NATIONAL_TABLE = '项目支出绩效自评表';

type FundKey = 'budget' | 'adjusted' | 'spending';
const FUND_SPECS: ColumnSpec[] = [
  { key: 'budget', path: ['年初预算数'] },
  { key: 'adjusted', path: ['全年预算数|调整后预算数'] },
  { key: 'spending', path: ['全年执行数|预算执行数'] },
  { key: 'points', path: ['分值|权重'] },
  { key: 'rate', path: ['执行率|预算执行率'] },
  { key: 'score', path: ['得分'] },
];
const FUND_TITLES: Record<FundKey, string> = {
  budget: '年初预算数',
  adjusted: '全年预算数',
  spending: '全年执行数',
};
const SOURCES = new Map<string, string>(
  FUND_SOURCE_FAMILIES.national
    .map((s) => [s, s] as [string, string])
    .concat([
      ['当年(本年)财政拨款', '当年财政拨款'],
      ['本年财政拨款', '当年财政拨款'],
      ['财政拨款', '当年财政拨款'],
    ]),
);
const TOTAL_LABEL = '年度资金总额';

interface FundRow {
  label: Sourced;
  values: Partial<Record<FundKey, Sourced>>;
}

export function importNationalTable(sheet: Sheet, parts: ImportParts, out: SheetFindings): boolean {
  const header = findHeader(sheet, FUND_SPECS, [
    '年初预算数',
    '全年预算数|调整后预算数',
    '全年执行数|预算执行数',
  ]);
  if (!header) return false;
  const yaml = new YamlOut(sheet.name);
  const col = (k: string) => header.columns.get(k);
  const firstFundCol = Math.min(...(['budget', 'adjusted', 'spending'] as const).map((k) => col(k) ?? 99));

  const facts = (names: string[]) => {
    const label = findLabel(sheet, names, 1, header.row);
    const value = label ? valueRightOf(sheet, label.row, label.col) : undefined;
    return value ? { value: value.text.trim(), row: value.row, col: value.col } : undefined;
  };
  const name = facts(['项目名称']);
  const supervisor = facts(['主管部门']);
  const executor = facts(['实施单位']);
  for (const cell of ownCells(sheet, 1, header.row)) {
    const year = /^\((\d{4})年度?\)$/.exec(compact(cell.text));
    if (year) parts.year ??= Number(year[1]);
  }
  if (!name) {
    out.error(
      'import-missing-project-name',
      sheet,
      header.row,
      1,
      `${NATIONAL_TABLE}上方没有“项目名称”一格，这张表无法导入`,
    );
    return true;
  }

  // 项目资金 rows: the label left of the figures names the source.
  const rows: FundRow[] = [];
  let total: FundRow | undefined;
  let r = header.lastRow + 1;
  for (; r <= sheet.rowCount; r++) {
    const label = fundLabel(sheet, r, firstFundCol);
    if (!label) break;
    const key = headerName(label.value);
    if (key !== TOTAL_LABEL && !SOURCES.has(key)) break;
    const values: Partial<Record<FundKey, Sourced>> = {};
    for (const k of Object.keys(FUND_TITLES) as FundKey[]) {
      const v = readAmount(sheet, r, col(k), { title: FUND_TITLES[k] }, out);
      if (v && v !== 'bad') values[k] = v;
    }
    const row = { label: { ...label, value: key === TOTAL_LABEL ? key : SOURCES.get(key)! }, values };
    if (key === TOTAL_LABEL) total = row;
    else rows.push(row);
  }
  const filled = rows.filter((f) => Object.keys(f.values).length > 0);
  const figure = (k: FundKey): Sourced | string | undefined => {
    if (filled.length === 0) return total?.values[k];
    const items = filled.flatMap((f) => (f.values[k] ? [f.values[k]!] : []));
    if (total?.values[k])
      compareTotal(sheet, out, total.values[k]!, items, `${TOTAL_LABEL}的${FUND_TITLES[k]}`);
    if (items.length === 0) return undefined;
    // The sum at its items' decimals: 104.50 + 18.30 is 122.80, as the sheet would print it.
    const decimals = Math.max(...items.map((i) => /\.(\d+)$/.exec(i.value)?.[1]?.length ?? 0));
    return items.reduce((s, i) => s.plus(i.value), new Big(0)).toFixed(decimals);
  };
  const budget = figure('budget');
  const adjusted = figure('adjusted');
  const spent = figure('spending');
  const amount = (v: Sourced | string) => (typeof v === 'string' ? sumNode(v) : yaml.amount(v));

  const goalHeader = findLabel(sheet, ['预期目标'], r, sheet.rowCount);
  let goal: Sourced | undefined;
  let completion: Sourced | undefined;
  if (goalHeader) {
    const completionHeader = findLabel(sheet, ['实际完成情况'], goalHeader.row, goalHeader.row);
    goal = readText(sheet, goalHeader.row + 1, goalHeader.col);
    if (completionHeader) completion = readText(sheet, goalHeader.row + 1, completionHeader.col);
  }
  const indicatorHeader = findIndicatorHeader(sheet, r);
  const indicators = indicatorHeader ? readIndicators(sheet, indicatorHeader, yaml, out) : undefined;
  if (indicators?.totalRow !== undefined && indicatorHeader) {
    const pointsCol = indicatorHeader.columns.get('weight');
    const points = pointsCol !== undefined ? readText(sheet, indicators.totalRow, pointsCol) : undefined;
    // 总分 分值 includes the execution rate's points (the rule's), printed in the funds table.
    const ratePoints =
      col('points') !== undefined && total ? readText(sheet, total.label.row, col('points')) : undefined;
    if (points && /^\d+(\.\d+)?$/.test(points.value) && indicators.weights.length > 0)
      compareTotal(
        sheet,
        out,
        points,
        ratePoints && /^\d+(\.\d+)?$/.test(ratePoints.value)
          ? [ratePoints, ...indicators.weights]
          : indicators.weights,
        '总分的分值',
      );
  }

  const project: Array<[string, unknown]> = [
    ['name', yaml.text(name)],
    ['budget', budget !== undefined ? amount(budget) : undefined],
  ];
  if (budget !== undefined && adjusted !== undefined) {
    const diff = new Big(typeof adjusted === 'string' ? adjusted : adjusted.value).minus(
      typeof budget === 'string' ? budget : budget.value,
    );
    if (!diff.eq(0)) {
      const adj = map([
        ['kind', new Scalar(diff.gt(0) ? '追加' : '调减')],
        ['amount', amountScalar(diff.abs().toFixed())],
      ]);
      adj.commentBefore = ` 全年预算数 − 年初预算数（${typeof adjusted === 'string' ? adjusted : adjusted.value} − ${typeof budget === 'string' ? budget : budget.value}）`;
      project.push(['adjustments', seq([adj])]);
    }
  }
  if (spent !== undefined) {
    const spending = map([['general_budget', amount(spent)]]);
    spending.commentBefore =
      ' 全国表不分一般公共预算、政府性基金和非财政资金：全年执行数记在一般公共预算，请按实际来源核对';
    project.push(['spending', spending]);
  } else project.push(['spending', map([])]);
  if (filled.length > 0) project.push(['funds', seq(filled.map((f) => fundNode(f, yaml)))]);
  project.push(
    ['goal', goal ? yaml.text(goal) : undefined],
    ['completion', completion ? yaml.text(completion) : undefined],
  );
  if (indicators && indicators.groups.length > 0) project.push(['indicators', seq(indicators.groups)]);
  if (budget === undefined)
    out.error(
      'import-missing-budget',
      sheet,
      header.row,
      col('budget') ?? 1,
      `项目“${name.value}”的年初预算数为空`,
    );

  parts.projects.push(map(project, ` ${out.file} 的工作表“${sheet.name}”：${NATIONAL_TABLE}`));
  const fact = (key: string, title: string, value: Sourced) =>
    setUnitFact(parts, key, value, yaml.text(value), (_, earlier) =>
      out.error(
        'import-two-units',
        sheet,
        value.row,
        value.col,
        `${title}“${value.value}”与先导入的表中的“${earlier}”不同：一次只导入一个单位的表`,
      ),
    );
  if (executor) fact('name', '实施单位', executor);
  if (supervisor) fact('supervisor', '主管部门', supervisor);
  // The form is the national one: its 分值 and 得分 follow the national rule set, and it is the form to make.
  if (!parts.unit.has('rules')) {
    const rules = new Scalar('national');
    rules.comment = ' 项目支出绩效自评表（全国表样）按全国规则评分；本单位用其他规则时请改写';
    parts.unit.set('rules', { node: rules, value: 'national' });
  }
  if (!parts.unit.has('forms'))
    parts.unit.set('forms', { node: seq([new Scalar('national')], true), value: 'national' });
  parts.tables.push(`${sheet.name}：${NATIONAL_TABLE}（${name.value}）`);
  return true;
}

function sumNode(text: string): Scalar {
  const node = amountScalar(text);
  node.comment = ' 各资金来源之和';
  return node;
}

function fundNode(f: FundRow, yaml: YamlOut): YAMLMap {
  return map([
    ['source', yaml.text(f.label)],
    ['budget', f.values.budget ? yaml.amount(f.values.budget) : undefined],
    ['adjusted_budget', f.values.adjusted ? yaml.amount(f.values.adjusted) : undefined],
    ['spending', f.values.spending ? yaml.amount(f.values.spending) : undefined],
  ]);
}

/** The row label left of the figures, past the block label 项目资金. */
function fundLabel(sheet: Sheet, row: number, before: number): Sourced | undefined {
  for (let c = before - 1; c >= 1; c--) {
    const cell = sheet.at(row, c);
    const master = cell.master ?? { row, col: c };
    if (master.row !== row) continue;
    const text = sheet.at(master.row, master.col).text.trim();
    if (text === '' || headerName(text) === '项目资金') continue;
    return { value: text, row: master.row, col: master.col };
  }
  return undefined;
}
