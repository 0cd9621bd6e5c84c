import {
  type Attainment,
  assessAttainment,
  type IndicatorValue,
  parseIndicatorValue,
} from '../indicators/index.js';
import type { Indicator, IndicatorGroup } from '../model/indicators.js';
import type { CheckContext } from './context.js';
import { checkUnique } from './duplicates.js';
import { type IndicatorColumns, indicatorColumns, natureContradiction } from './indicator-fields.js';

/** An indicator with its target parsed and judged, and the columns the provincial forms print beside it. */
export interface ComputedIndicator extends IndicatorColumns {
  source: Indicator;
  target: IndicatorValue;
  actual: IndicatorValue | undefined;
  attainment: Attainment;
}

export interface ComputedIndicatorGroup {
  level1: IndicatorGroup['level1'];
  level2: string;
  items: ComputedIndicator[];
}

/** Parses every target and actual of an indicator set and judges attainment where the target is quantitative. */
export function computeIndicatorSet(
  groups: IndicatorGroup[],
  basePath: readonly PropertyKey[],
  owner: string,
  ctx: CheckContext,
): ComputedIndicatorGroup[] {
  // A project's indicators share the class's points; other sets are only listed on their forms.
  const effect = basePath[0] === 'projects' ? '分走本类指标的分值并重复计分' : '在表中重复列出';
  groups.forEach((group, g) => {
    // An unnamed indicator is known by its target, as the forms print it.
    checkUnique(
      group.items.map((it, i) => ({
        name: it.name ?? it.target,
        path: [...basePath, g, 'items', i, it.name === undefined ? 'target' : 'name'],
      })),
      'indicator-duplicate',
      { noun: '指标', field: '指标名称', within: `${owner}的${group.level2}`, effect },
      ctx,
    );
  });
  return groups.map((group, g) => ({
    level1: group.level1,
    level2: group.level2,
    items: group.items.map((indicator, i) => {
      const path = [...basePath, g, 'items', i];
      const target = parseIndicatorValue(indicator.target);
      const actual = indicator.actual === undefined ? undefined : parseIndicatorValue(indicator.actual);
      const attainment = assessAttainment(target, actual);
      const label = indicator.name ?? `${group.level2}“${indicator.target}”`;
      // A project's forms print an unnamed indicator's target across both columns; the department's
      // tables have a 三级指标 / 指标名称 column of their own, which would print empty.
      if (indicator.name === undefined && basePath[0] !== 'projects') {
        ctx.findings.warning(
          'indicator-unnamed',
          `${owner}的${group.level2}中指标值为“${indicator.target}”的指标没有填写指标名称（name），表中“三级指标”（指标名称）一栏将是空的；请在 target 上面加一行 name: 指标名称`,
          ctx.at(path),
          { field: '指标名称', expected: 'name' },
        );
      }
      if (attainment.unitMismatch) {
        ctx.findings.warning(
          'indicator-unit-mismatch',
          `${owner}的指标“${label}”完成值的单位“${attainment.unitMismatch.actual}”与指标值的单位“${attainment.unitMismatch.target}”不一致，无法判断是否达标`,
          ctx.at([...path, 'actual']),
          {
            field: '完成值',
            expected: attainment.unitMismatch.target,
            found: attainment.unitMismatch.actual,
          },
        );
      }
      if (attainment.status === 'not-met' && !indicator.deviation) {
        ctx.findings.warning(
          'indicator-missed-no-reason',
          `${owner}的指标“${label}”未达到指标值（指标值 ${indicator.target}，完成值 ${indicator.actual ?? ''}），请填写偏差原因分析及改进措施（deviation）`,
          ctx.at([...path, 'actual']),
          { field: '偏差原因分析及改进措施', expected: indicator.target, found: indicator.actual ?? '' },
        );
      }
      if (indicator.nature !== undefined) {
        const says = natureContradiction(indicator.nature, target);
        if (says !== undefined) {
          ctx.findings.error(
            'indicator-nature-contradiction',
            `${owner}的指标“${label}”指标性质填写为“${indicator.nature}”，而指标值“${indicator.target}”是“${says}”；请改正其中一处（不填指标性质时由指标值得出）`,
            ctx.at([...path, 'nature']),
            { field: '指标性质', expected: says, found: indicator.nature },
          );
        }
      }
      return { source: indicator, target, actual, attainment, ...indicatorColumns(indicator, target) };
    }),
  }));
}
