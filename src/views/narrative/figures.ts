import type { ComputedUnit } from '../../compute/unit.js';
import { dec, fixed, parsePercent } from '../../money/decimal.js';
import type { UnitScores } from '../../scoring/index.js';
import { type Figures, type Rate, rate } from './expressions.js';

/** The narrative file a unit's self-evaluation report is written in. */
export const REPORT_FILE = 'report';

/** A rate the author typed ("99.12%"): printed bare as typed, its ratio to `percent`. */
function typedRate(text: string): Rate {
  return { ratio: parsePercent(text).toFixed(), text };
}

/**
 * The figures a narrative may print, by Chinese name. Typed amounts print as the author typed them,
 * computed ones at 2 decimals; rates are ratios that `{{percent 名称 位数}}` formats and that print at
 * their usual decimals when written bare. A corrected figure changes every sentence using it.
 */
export function reportFigures(unit: ComputedUnit, scores: UnitScores | undefined): Figures {
  const f: Figures = { 年度: String(unit.year), 单位名称: unit.content.unit.name };
  if (unit.content.unit.short_name) f['单位简称'] = unit.content.unit.short_name;
  const ev = unit.content.evidence;
  const computed = unit.evidence;
  const be = ev?.budget_execution;
  if (be) {
    f['部门预算'] = be.budget;
    f['年初结转结余'] = be.carryover_start;
    f['全年实际支出'] = be.spending;
    if (be.project_spending) f['项目支出'] = be.project_spending;
    // 年末结转结余 is what the identity gives; a typed figure is only a check (it warns when it differs).
    f['年末结转结余'] = fixed(computed!.carryoverEndComputed!, 2);
    if (computed?.spendingRate) f['预算执行率'] = rate(computed.spendingRate, 2);
    if (be.quarterly_progress) {
      f['一季度支出进度'] = typedRate(be.quarterly_progress.q1);
      f['二季度支出进度'] = typedRate(be.quarterly_progress.q2);
      f['三季度支出进度'] = typedRate(be.quarterly_progress.q3);
      f['全年支出执行率'] = typedRate(be.quarterly_progress.q4);
    }
  }
  const pc = ev?.procurement;
  if (pc) {
    f['采购计划金额'] = pc.planned;
    f['实际采购金额'] = pc.actual;
    if (computed?.procurementRate) f['政府采购执行率'] = rate(computed.procurementRate, 1);
  }
  const a = ev?.assets;
  if (a) {
    f['国有资产总额'] = a.total;
    const named: Array<[string, string | undefined]> = [
      ['流动资产', a.current],
      ['非流动资产', a.non_current],
      ['固定资产净值', a.fixed_net],
      ['无形资产净值', a.intangible_net],
      ['长期股权投资', a.long_term_investment],
      ['在建工程', a.construction_in_progress],
      ['资产处置收入', a.disposal_income],
    ];
    for (const [k, v] of named) if (v !== undefined) f[k] = v;
    // Small sums are reported in 元 in prose ("资产处置收入517元"): 万元 × 10000.
    if (a.disposal_income !== undefined)
      f['资产处置收入（元）'] = dec(a.disposal_income).times(10000).toFixed();
    if (computed?.fixedAssetUtilisation) f['固定资产利用率'] = rate(computed.fixedAssetUtilisation, 0);
  }
  const st = ev?.staffing;
  if (st) {
    f['在编人数'] = String(computed?.onPayroll ?? 0);
    f['编外人员'] = String(st.contract);
    if (st.authorized !== undefined) f['核定编制数'] = String(st.authorized);
    if (computed?.contractStaffRatio) f['编外人员控制率'] = rate(computed.contractStaffRatio, 2);
  }
  if (ev?.satisfaction) f['满意度'] = rate(parsePercent(ev.satisfaction), 0);
  if (unit.projects.length) {
    f['项目个数'] = String(unit.projects.length);
    f['项目预算合计'] = fixed(unit.projectTotals.adjustedBudget, 2);
  }
  if (scores?.totalText) f['自评得分'] = scores.totalText;
  return f;
}
