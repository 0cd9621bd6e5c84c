/**
 * The wide 部门预算项目绩效自评表 (documents.md §1, seeds 000/001, and jixiao's own XLSX of it): one row per
 * project under three merged header rows. Each row becomes a project; 实际支出 合计 of a row and the 合计
 * row are not imported but compared with the sums of the cells they total.
 */
import { Scalar, type YAMLMap } from 'yaml';
import { INDICATOR_CLASSES, type Level1Class, PROJECT_TABLE_CLASSES } from '../../model/indicators.js';
import { readAmount, readPercent, readText, type Sourced } from '../cell-values.js';
import { headerName, SUBTOTAL_LABELS, TOTAL_LABELS } from '../header-names.js';
import { type ColumnSpec, findHeader } from '../headers.js';
import type { ImportParts } from '../parts.js';
import type { SheetFindings } from '../sheet-findings.js';
import type { Sheet } from '../workbook.js';
import { map, seq, YamlOut } from '../yaml-out.js';
import { compact, ownCells } from './form-text.js';
import { compareTotal } from './totals.js';

export const PROJECT_TABLE = '部门预算项目绩效自评表';

type Money = 'budget' | 'total' | 'general' | 'fund' | 'nonFiscal';
const SOURCE_KEYS = { general: 'general_budget', fund: 'government_fund', nonFiscal: 'non_fiscal' } as const;
const SOURCE_TITLES = { general: '一般公共预算', fund: '政府性基金', nonFiscal: '非财政资金' } as const;

const TARGET = '年度指标内容|指标内容|年度指标值|年度目标|目标值';
const ACTUAL = '完成情况|实际完成情况|完成值|实际完成值';

const SPECS: ColumnSpec[] = [
  { key: 'no', path: ['序号'] },
  { key: 'unit', path: ['单位名称|单位'] },
  { key: 'name', path: ['项目名称'] },
  { key: 'budget', path: ['项目年度预算金额|年度预算金额|项目预算金额|项目年度预算'] },
  { key: 'total', path: ['实际支出金额|实际支出', '合计|小计'] },
  { key: 'general', path: ['实际支出金额|实际支出', '一般公共预算|一般公共预算资金'] },
  { key: 'fund', path: ['实际支出金额|实际支出', '政府性基金|政府性基金预算'] },
  { key: 'nonFiscal', path: ['实际支出金额|实际支出', '非财政资金|非财政拨款'] },
  { key: 'rate', path: ['预算支出执行率|预算执行率|执行率'] },
  { key: 'goal', path: ['年初绩效目标|年度绩效目标'] },
  { key: 'completion', path: ['绩效目标整体完成情况|整体完成情况'] },
  ...PROJECT_TABLE_CLASSES.flatMap((c) => [
    { key: `t:${c}`, path: [c, TARGET] },
    { key: `a:${c}`, path: [c, ACTUAL] },
  ]),
  { key: 'problems', path: ['项目执行中存在的问题|存在的问题|存在问题'] },
  { key: 'rectification', path: ['整改情况|整改措施'] },
];

/** Header cells that group columns and are matched through their children. */
const GROUP_HEADERS = new Set(['产出目标', '效益目标', '满意度指标', '产出指标', '效益指标', '满意度目标']);

const LEVEL1_OF = new Map<string, Level1Class>(
  Object.entries(INDICATOR_CLASSES).flatMap(([l1, l2s]) => l2s.map((l2) => [l2, l1 as Level1Class] as const)),
);

interface Row {
  row: number;
  money: Partial<Record<Money, Sourced>>;
}

export function importProjectTable(sheet: Sheet, parts: ImportParts, out: SheetFindings): boolean {
  const header = findHeader(sheet, SPECS, ['项目名称', SPECS[3]!.path[0]!]);
  if (!header) return false;
  const col = (key: string) => header.columns.get(key);
  const yaml = new YamlOut(sheet.name);
  for (const u of header.unknown) {
    if (GROUP_HEADERS.has(u.text.split(' › ').pop() ?? '')) continue;
    out.warning(
      'import-unknown-column',
      sheet,
      header.row,
      u.col,
      `表头“${u.text}”不是${PROJECT_TABLE}的栏目，这一列没有导入`,
    );
  }
  // A 汇总 table is refused once, at its title; its rows are not read.
  if (readTitle(sheet, header.row, parts, yaml, out) === 'consolidated') return true;

  const rows: Row[] = [];
  const projects: YAMLMap[] = [];
  let totalRow: Row | undefined;
  let unitName: Sourced | undefined;
  const rates: string[] = [];
  for (let r = header.lastRow + 1; r <= sheet.rowCount; r++) {
    const label = rowLabel(sheet, r, [col('no'), col('unit'), col('name')]);
    if (label && SUBTOTAL_LABELS.has(label.name)) {
      out.error(
        'import-consolidated-table',
        sheet,
        label.row,
        label.col,
        '这是含“小计”的汇总表：汇总数由本级和各下属单位的数据相加得出，不能从汇总表导入；请分别导入本级和每个下属单位的自评表',
      );
      return true;
    }
    if (label && TOTAL_LABELS.has(label.name)) {
      totalRow = { row: r, money: readMoney(sheet, r, col, out) };
      continue;
    }
    const name = readText(sheet, r, col('name'));
    if (!name) {
      const first = ownCells(sheet, r, r).next().value;
      if (first)
        out.warning(
          'import-unplaced-row',
          sheet,
          r,
          first.col,
          `这一行没有项目名称，没有导入（内容为“${first.text.trim()}”）`,
        );
      continue;
    }
    const money = readMoney(sheet, r, col, out);
    rows.push({ row: r, money });
    if (!money.budget && col('budget') !== undefined && sheet.at(r, col('budget')!).text.trim() === '')
      out.error('import-missing-budget', sheet, r, col('budget')!, `项目“${name.value}”缺少项目年度预算金额`);
    const unit = readText(sheet, r, col('unit'));
    if (unit) {
      if (unitName && unit.value !== unitName.value)
        out.error(
          'import-two-units',
          sheet,
          unit.row,
          unit.col,
          `单位名称“${unit.value}”与上面各行的“${unitName.value}”不同：一次导入一个单位的自评表（汇总表请按单位分别导入）`,
        );
      unitName ??= unit;
    }
    const rate = readPercent(sheet, r, col('rate'));
    if (rate === 'bad')
      out.warning(
        'import-rate-text',
        sheet,
        r,
        col('rate')!,
        `预算支出执行率“${sheet.at(r, col('rate')!).text}”不是百分比，没有导入（执行率由 jixiao 计算）`,
      );
    else if (rate) rates.push(rate.value);
    projects.push(projectNode(sheet, r, col, name, money, rate === 'bad' ? undefined : rate, yaml, out));
    rowTotal(sheet, money, out);
  }
  if (totalRow) tableTotal(sheet, rows, totalRow, out);
  if (unitName) {
    const named = parts.unit.get('name');
    if (!named) parts.unit.set('name', { node: yaml.text(unitName), value: unitName.value, from: unitName });
    else if (named.value !== unitName.value)
      parts.unit.set('short_name', { node: yaml.text(unitName), value: unitName.value, from: unitName });
  }
  const decimals = new Set(rates.map((r) => /\.(\d+)%$/.exec(r)?.[1]?.length ?? 0));
  const only = [...decimals][0];
  if (decimals.size === 1 && (only === 1 || only === 2))
    parts.unit.set('rate_decimals', {
      node: commented(
        new Scalar(only),
        ` 表上执行率的小数位数（${out.range(sheet, { row: header.lastRow + 1, col: col('rate')! }, { row: sheet.rowCount, col: col('rate')! })}）`,
      ),
      value: String(only),
    });
  parts.projects.push(...projects);
  parts.tables.push(`${sheet.name}：${PROJECT_TABLE}，${projects.length} 个项目`);
  return true;
}

function commented<T extends { comment?: string | null }>(node: T, comment: string): T {
  node.comment = comment;
  return node;
}

/** 合计 / 小计 written in the 序号, 单位名称 or 项目名称 cell of a row (a merge over them counts once). */
function rowLabel(sheet: Sheet, row: number, cols: Array<number | undefined>) {
  for (const c of cols) {
    if (c === undefined) continue;
    const cell = sheet.at(row, c);
    // 单位名称 merged down the unit's rows is not this row's label.
    if (cell.master && cell.master.row !== row) continue;
    const name = headerName(cell.text);
    if (TOTAL_LABELS.has(name) || SUBTOTAL_LABELS.has(name))
      return { name, row: cell.master?.row ?? row, col: cell.master?.col ?? c };
  }
  return undefined;
}

function readMoney(
  sheet: Sheet,
  row: number,
  col: (key: string) => number | undefined,
  out: SheetFindings,
): Partial<Record<Money, Sourced>> {
  const money: Partial<Record<Money, Sourced>> = {};
  const titles: Record<Money, string> = {
    budget: '项目年度预算金额',
    total: '实际支出合计',
    ...SOURCE_TITLES,
  };
  for (const key of Object.keys(titles) as Money[]) {
    const read = readAmount(sheet, row, col(key), { title: titles[key], dash: key !== 'budget' }, out);
    if (read && read !== 'bad') money[key] = read;
  }
  return money;
}

function projectNode(
  sheet: Sheet,
  row: number,
  col: (key: string) => number | undefined,
  name: Sourced,
  money: Partial<Record<Money, Sourced>>,
  rate: Sourced | undefined,
  yaml: YamlOut,
  out: SheetFindings,
): YAMLMap {
  const text = (key: string) => {
    const t = readText(sheet, row, col(key));
    return t ? yaml.text(t) : undefined;
  };
  const sources = (Object.keys(SOURCE_KEYS) as Array<keyof typeof SOURCE_KEYS>)
    .filter((k) => money[k] !== undefined)
    .map((k): [string, unknown] => [SOURCE_KEYS[k], yaml.amount(money[k]!)]);
  if (sources.length === 0 && money.total && money.total.value !== '-')
    out.error(
      'import-spending-unsplit',
      sheet,
      money.total.row,
      money.total.col,
      `项目“${name.value}”的实际支出合计 ${money.total.value} 没有按资金来源（一般公共预算、政府性基金、非财政资金）填写；请在来源栏中填写后再导入`,
    );
  return map(
    [
      ['name', yaml.text(name)],
      ['budget', money.budget ? yaml.amount(money.budget) : undefined],
      ['spending', map(sources)],
      ['filed_rate', rate ? yaml.text(rate) : undefined],
      ['goal', text('goal')],
      ['completion', text('completion')],
      ['indicators', indicatorNodes(sheet, row, col, yaml, out)],
      ['problems', text('problems')],
      ['rectification', text('rectification')],
    ],
    ` ${out.file} 的工作表“${sheet.name}”第 ${row} 行`,
  );
}

function indicatorNodes(
  sheet: Sheet,
  row: number,
  col: (key: string) => number | undefined,
  yaml: YamlOut,
  out: SheetFindings,
) {
  const groups: YAMLMap[] = [];
  for (const cls of PROJECT_TABLE_CLASSES) {
    const target = readText(sheet, row, col(`t:${cls}`));
    const actual = readText(sheet, row, col(`a:${cls}`));
    if (!target) {
      if (actual)
        out.warning(
          'import-actual-without-target',
          sheet,
          actual.row,
          actual.col,
          `${cls}只有完成情况、没有年度指标内容，没有导入；请填写年度指标内容`,
        );
      continue;
    }
    const targets = target.value.split('\n');
    const actuals = actual?.value.split('\n') ?? [];
    // One indicator per line when the two cells have as many lines (jixiao prints several so).
    const items =
      targets.length > 1 && actuals.length === targets.length
        ? targets.map((t, i) =>
            map([
              ['target', yaml.text({ ...target, value: t.trim() })],
              ['actual', yaml.text({ ...actual!, value: actuals[i]!.trim() })],
            ]),
          )
        : [
            map([
              ['target', yaml.text(target)],
              ['actual', actual ? yaml.text(actual) : undefined],
            ]),
          ];
    groups.push(
      map([
        ['level1', new Scalar(LEVEL1_OF.get(cls)!)],
        ['level2', new Scalar(cls)],
        ['items', seq(items)],
      ]),
    );
  }
  return groups.length > 0 ? seq(groups) : undefined;
}

/** 实际支出 合计 of one row against its sources. */
function rowTotal(sheet: Sheet, money: Partial<Record<Money, Sourced>>, out: SheetFindings) {
  const total = money.total;
  if (!total || total.value === '-') return;
  const parts = (['general', 'fund', 'nonFiscal'] as const)
    .map((k) => money[k])
    .filter((s) => s !== undefined);
  if (parts.length === 0) return;
  compareTotal(sheet, out, total, parts, '实际支出合计');
}

/** The 合计 row, column by column, against the sum of the project rows above it. */
function tableTotal(sheet: Sheet, rows: Row[], total: Row, out: SheetFindings) {
  if (rows.length === 0) return;
  for (const key of ['budget', 'total', 'general', 'fund', 'nonFiscal'] as Money[]) {
    const cell = total.money[key];
    if (!cell || cell.value === '-') continue;
    const items = rows.flatMap((r) => {
      if (key !== 'total') return r.money[key] ? [r.money[key]!] : [];
      return r.money.total ? [r.money.total] : [];
    });
    compareTotal(
      sheet,
      out,
      cell,
      items,
      `合计行的${key === 'budget' ? '项目年度预算金额' : key === 'total' ? '实际支出合计' : SOURCE_TITLES[key]}`,
      {
        from: { row: rows[0]!.row, col: cell.col },
        to: { row: rows[rows.length - 1]!.row, col: cell.col },
      },
    );
  }
}

const TITLE = /^(\d{4})年度?(.+?)部门预算项目绩效自评表(?:\(本级\))?(\(汇总\))?$/;
const STAMP = /^部门名称(?:\(盖章\))?[:：](.+)$/;

/** The title (year and unit) and 部门名称（盖章）above the header. */
function readTitle(
  sheet: Sheet,
  headerRow: number,
  parts: ImportParts,
  yaml: YamlOut,
  out: SheetFindings,
): 'consolidated' | undefined {
  let consolidated = false;
  let fromTitle: Sourced | undefined;
  let fromStamp: Sourced | undefined;
  for (const cell of ownCells(sheet, 1, headerRow - 1)) {
    const text = compact(cell.text);
    const title = TITLE.exec(text);
    if (title) {
      parts.year ??= Number(title[1]);
      fromTitle = { value: title[2]!, row: cell.row, col: cell.col };
      if (title[3]) {
        consolidated = true;
        out.error(
          'import-consolidated-table',
          sheet,
          cell.row,
          cell.col,
          '这是汇总表：汇总数由本级和各下属单位的数据相加得出，不能从汇总表导入；请分别导入本级和每个下属单位的自评表',
        );
      }
    }
    const stamp = STAMP.exec(text);
    if (stamp) fromStamp = { value: stamp[1]!, row: cell.row, col: cell.col };
  }
  const name = fromTitle ?? fromStamp;
  if (name && !parts.unit.has('name'))
    parts.unit.set('name', { node: yaml.text(name), value: name.value, from: name });
  return consolidated ? 'consolidated' : undefined;
}
