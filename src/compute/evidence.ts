import type { Evidence } from '../model/evidence.js';
import { type Decimal, dec, fixed, moneyText, ratio, sum } from '../money/decimal.js';
import type { CheckContext } from './context.js';

export interface ComputedEvidence {
  source: Evidence;
  /** 年初结转结余 + 部门预算 − 全年实际支出: what 年末结转结余 must be. */
  carryoverEndComputed: Decimal | undefined;
  /** 全年实际支出 ÷ 部门预算. */
  spendingRate: Decimal | undefined;
  /** 政府采购执行率 = 实际采购金额 ÷ 采购计划金额. */
  procurementRate: Decimal | undefined;
  /** 固定资产利用率 = 在用固定资产 ÷ 固定资产总额. */
  fixedAssetUtilisation: Decimal | undefined;
  /** 在编人数 (公务员 + 职员 + 工勤). */
  onPayroll: number | undefined;
  /** 编外人员控制率 = 编外 ÷ (在编 + 编外). */
  contractStaffRatio: Decimal | undefined;
}

/** Printed figures that a filed document may carry with a slip are checked to within half a cent of a 万元 figure. */
const TOLERANCE = dec('0.005');

function warnIfDiffers(
  ctx: CheckContext,
  code: string,
  path: readonly PropertyKey[],
  field: string,
  typed: Decimal,
  computed: Decimal,
  relation: string,
): void {
  if (typed.minus(computed).abs().gt(TOLERANCE)) {
    ctx.findings.warning(
      code,
      `${field}填写为 ${moneyText(typed)}，按 ${relation} 计算为 ${fixed(computed, 2)}，相差 ${fixed(typed.minus(computed).abs(), 2)}`,
      ctx.at(path),
      { field, expected: fixed(computed, 2), found: moneyText(typed) },
    );
  }
}

/** The identities the evidence must satisfy: 结转结余 and the asset breakdown. */
export function computeEvidence(evidence: Evidence, ctx: CheckContext): ComputedEvidence {
  let carryoverEndComputed: Decimal | undefined;
  const be = evidence.budget_execution;
  if (be) {
    carryoverEndComputed = dec(be.carryover_start).plus(dec(be.budget)).minus(dec(be.spending));
    if (be.carryover_end !== undefined) {
      warnIfDiffers(
        ctx,
        'carryover-mismatch',
        ['evidence', 'budget_execution', 'carryover_end'],
        '年末结转结余',
        dec(be.carryover_end),
        carryoverEndComputed,
        `年初结转结余 ${be.carryover_start} + 部门预算 ${be.budget} − 全年实际支出 ${be.spending}`,
      );
    }
    if (be.project_spending !== undefined && dec(be.project_spending).gt(dec(be.spending))) {
      ctx.findings.error(
        'project-spending-exceeds',
        `项目支出 ${be.project_spending} 大于全年实际支出 ${be.spending}`,
        ctx.at(['evidence', 'budget_execution', 'project_spending']),
        { field: '项目支出', expected: `≤ ${be.spending}`, found: be.project_spending },
      );
    }
  }
  const a = evidence.assets;
  if (a) {
    if (a.current !== undefined && a.non_current !== undefined) {
      warnIfDiffers(
        ctx,
        'assets-total-mismatch',
        ['evidence', 'assets', 'total'],
        '国有资产总额',
        dec(a.total),
        dec(a.current).plus(dec(a.non_current)),
        `流动资产 ${a.current} + 非流动资产 ${a.non_current}`,
      );
    }
    const parts = [
      ['固定资产净值', a.fixed_net],
      ['无形资产净值', a.intangible_net],
      ['长期股权投资', a.long_term_investment],
      ['在建工程', a.construction_in_progress],
    ].filter((p): p is [string, string] => p[1] !== undefined);
    if (a.non_current !== undefined && parts.length > 0) {
      warnIfDiffers(
        ctx,
        'assets-non-current-mismatch',
        ['evidence', 'assets', 'non_current'],
        '非流动资产',
        dec(a.non_current),
        sum(parts.map((p) => dec(p[1]))),
        parts.map(([n, v]) => `${n} ${v}`).join(' + '),
      );
    }
    if (
      a.fixed_in_use !== undefined &&
      a.fixed_total !== undefined &&
      dec(a.fixed_in_use).gt(dec(a.fixed_total))
    ) {
      ctx.findings.error(
        'assets-in-use-exceeds',
        `在用固定资产总额 ${a.fixed_in_use} 大于固定资产总额 ${a.fixed_total}`,
        ctx.at(['evidence', 'assets', 'fixed_in_use']),
        { field: '在用固定资产总额', expected: `≤ ${a.fixed_total}`, found: a.fixed_in_use },
      );
    }
  }
  const pc = evidence.procurement;
  if (pc && dec(pc.planned).eq(0) && !dec(pc.actual).eq(0)) {
    ctx.findings.warning(
      'procurement-no-plan',
      '采购计划金额为 0 而实际采购金额不为 0，政府采购执行率无法计算',
      ctx.at(['evidence', 'procurement', 'planned']),
    );
  }
  const st = evidence.staffing;
  const onPayroll = st ? st.civil_servants + st.staff + st.workers : undefined;
  return {
    source: evidence,
    carryoverEndComputed,
    spendingRate: be ? ratio(dec(be.spending), dec(be.budget)) : undefined,
    procurementRate: pc ? ratio(dec(pc.actual), dec(pc.planned)) : undefined,
    fixedAssetUtilisation:
      a?.fixed_in_use !== undefined && a.fixed_total !== undefined
        ? ratio(dec(a.fixed_in_use), dec(a.fixed_total))
        : undefined,
    onPayroll,
    contractStaffRatio:
      st && onPayroll !== undefined ? ratio(dec(st.contract), dec(onPayroll + st.contract)) : undefined,
  };
}
