/**
 * An indicator table under a header 一级指标 | 二级指标 | 三级指标 | 目标值 (goal table, seed 003) or
 * … | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 (national form, forms.md B1): one row per
 * indicator, 一级/二级 merged down their groups; consecutive rows of one class make one group, and a class
 * row with neither name nor value is a group kept empty (the form keeps its row).
 */
import { Scalar, type YAMLMap } from 'yaml';
import { INDICATOR_CLASSES, LEVEL1_CLASSES, type Level1Class } from '../../model/indicators.js';
import { readText, type Sourced } from '../cell-values.js';
import { headerName } from '../header-names.js';
import { type ColumnSpec, findHeader, type HeaderBlock } from '../headers.js';
import type { SheetFindings } from '../sheet-findings.js';
import type { Sheet } from '../workbook.js';
import { map, seq, type YamlOut } from '../yaml-out.js';

const SPECS: ColumnSpec[] = [
  { key: 'level1', path: ['一级指标'] },
  { key: 'level2', path: ['二级指标'] },
  { key: 'name', path: ['三级指标|指标名称|指标内容'] },
  { key: 'target', path: ['年度指标值|指标值|目标值|预期当年实现值'] },
  { key: 'actual', path: ['实际完成值|完成值|全年完成值'] },
  { key: 'weight', path: ['分值|权重|指标权重'] },
  { key: 'score', path: ['得分|指标得分'] },
  { key: 'deviation', path: ['偏差原因分析及改进措施|未完成原因分析|偏差原因'] },
  { key: 'unit', path: ['计量单位|度量单位'] },
  { key: 'explanation', path: ['指标解释'] },
  { key: 'scoring_standard', path: ['评(扣)分标准|评分标准'] },
  { key: 'note', path: ['备注'] },
];

export const INDICATOR_ANCHORS = ['一级指标', '二级指标', '三级指标|指标名称'];

export function findIndicatorHeader(sheet: Sheet, fromRow = 1): HeaderBlock<string> | undefined {
  return findHeader(sheet, SPECS, INDICATOR_ANCHORS, fromRow);
}

export interface IndicatorRead {
  groups: YAMLMap[];
  /** The row after the table (its 总分 row when it has one). */
  endRow: number;
  totalRow?: number;
  weights: Sourced[];
}

const SCORE_NOTE = '评分说明：';

/** Rows of the table until a 总分/合计 row, a row with no class, or the end of the sheet. */
export function readIndicators(
  sheet: Sheet,
  header: HeaderBlock<string>,
  yaml: YamlOut,
  out: SheetFindings,
): IndicatorRead {
  const col = (k: string) => header.columns.get(k);
  const groups: Array<{ level1: Sourced; level2: Sourced; items: YAMLMap[] }> = [];
  const weights: Sourced[] = [];
  let r = header.lastRow + 1;
  for (; r <= sheet.rowCount; r++) {
    const first = readText(sheet, r, col('level1'));
    if (first && /^(总分|合计|总计)$/.test(headerName(first.value))) return finish(r, r);
    if (!first) {
      if (anyText(sheet, r, header)) {
        const cell = firstText(sheet, r, header)!;
        out.warning(
          'import-unplaced-row',
          sheet,
          r,
          cell.col,
          `这一行没有一级指标，没有导入（内容为“${cell.text.trim()}”）`,
        );
        continue;
      }
      break;
    }
    const level1 = first.value as Level1Class;
    if (!LEVEL1_CLASSES.includes(level1)) {
      out.error(
        'import-level1',
        sheet,
        first.row,
        first.col,
        `一级指标“${first.value}”应为 ${LEVEL1_CLASSES.join('、')} 之一`,
      );
      continue;
    }
    const second = readText(sheet, r, col('level2'));
    const allowed: readonly string[] = INDICATOR_CLASSES[level1];
    if (!second || !allowed.includes(second.value)) {
      const at = second ?? { row: r, col: col('level2') ?? first.col };
      out.error(
        'import-level2',
        sheet,
        at.row,
        at.col,
        `二级指标${second ? `“${second.value}”` : '为空'}：${level1}的二级指标应为 ${allowed.join('、')} 之一`,
      );
      continue;
    }
    let group = groups[groups.length - 1];
    if (!group || group.level1.value !== level1 || group.level2.value !== second.value) {
      group = { level1: first, level2: second, items: [] };
      groups.push(group);
    }
    const item = indicatorItem(sheet, r, col, yaml, out, weights);
    if (item) group.items.push(item);
  }
  return finish(r);

  function finish(endRow: number, totalRow?: number): IndicatorRead {
    const read: IndicatorRead = {
      groups: groups.map((g) =>
        map([
          ['level1', new Scalar(g.level1.value)],
          ['level2', new Scalar(g.level2.value)],
          ['items', seq(g.items, g.items.length === 0)],
        ]),
      ),
      endRow: totalRow !== undefined ? totalRow + 1 : endRow,
      weights,
    };
    if (totalRow !== undefined) read.totalRow = totalRow;
    return read;
  }
}

function indicatorItem(
  sheet: Sheet,
  r: number,
  col: (k: string) => number | undefined,
  yaml: YamlOut,
  out: SheetFindings,
  weights: Sourced[],
): YAMLMap | undefined {
  let name = readText(sheet, r, col('name'));
  let target = readText(sheet, r, col('target'));
  // The national form merges 三级指标 and 年度指标值 for an indicator without a name.
  const targetCell = col('target') !== undefined ? sheet.at(r, col('target')!) : undefined;
  if (name && targetCell?.master && targetCell.master.col === name.col) {
    target = name;
    name = undefined;
  }
  const actual = readText(sheet, r, col('actual'));
  if (!name && !target) {
    if (actual)
      out.warning(
        'import-actual-without-target',
        sheet,
        actual.row,
        actual.col,
        '这一行只有完成值、没有指标值，没有导入',
      );
    return undefined;
  }
  if (!target) {
    out.error(
      'import-missing-target',
      sheet,
      name!.row,
      col('target') ?? name!.col,
      `指标“${name!.value}”缺少指标值（目标值）；请在表中填写后再导入`,
    );
    return undefined;
  }
  const weight = readText(sheet, r, col('weight'));
  const weightOk = weight && /^\d+(\.\d+)?$/.test(weight.value);
  if (weight && !weightOk && weight.value !== '-' && weight.value !== '—')
    out.warning(
      'import-weight-text',
      sheet,
      weight.row,
      weight.col,
      `分值“${weight.value}”不是数字，没有导入`,
    );
  if (weightOk) weights.push(weight);
  const note = readText(sheet, r, col('deviation'));
  let deviation = note;
  let reason: Sourced | undefined;
  if (note?.value.includes(SCORE_NOTE)) {
    const at = note.value.indexOf(SCORE_NOTE);
    const before = note.value.slice(0, at).trim();
    deviation = before ? { ...note, value: before } : undefined;
    reason = { ...note, value: note.value.slice(at + SCORE_NOTE.length).trim() };
  }
  // A score is the rule's unless the author judged it: only a judged one (with its 评分说明) is kept.
  const score = reason ? readText(sheet, r, col('score')) : undefined;
  const text = (k: string) => {
    const t = readText(sheet, r, col(k));
    return t ? yaml.text(t) : undefined;
  };
  return map([
    ['name', name ? yaml.text(name) : undefined],
    ['target', yaml.text(target)],
    ['unit', text('unit')],
    ['explanation', text('explanation')],
    ['scoring_standard', text('scoring_standard')],
    ['note', text('note')],
    ['actual', actual ? yaml.text(actual) : undefined],
    ['weight', weightOk ? yaml.amount(weight) : undefined],
    ['score', score ? yaml.amount(score) : undefined],
    ['score_reason', reason ? yaml.text(reason) : undefined],
    ['deviation', deviation ? yaml.text(deviation) : undefined],
  ]);
}

function anyText(sheet: Sheet, r: number, header: HeaderBlock<string>): boolean {
  return firstText(sheet, r, header) !== undefined;
}

function firstText(sheet: Sheet, r: number, header: HeaderBlock<string>) {
  for (const c of header.columns.values()) {
    const cell = sheet.at(r, c);
    if (cell.master && cell.master.row !== r) continue;
    if (cell.text.trim() !== '') return cell;
  }
  return undefined;
}
