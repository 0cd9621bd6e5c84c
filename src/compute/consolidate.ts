import { type Decimal, dec } from '../money/decimal.js';
import { type ProjectTotals, totalProjects } from './projects.js';
import type { ComputedUnit } from './unit.js';

/** A department with sub-units: its 汇总 is the sum of its members, never typed again. */
export interface Consolidation {
  unit: ComputedUnit;
  /** The department itself (本级) first, then every sub-unit below it, in folder order. */
  members: ComputedUnit[];
  projectTotals: ProjectTotals;
  /** 当年预算 of each funding line, summed by line name over the members that report funding. */
  funding: { income: Map<string, Decimal>; expenditure: Map<string, Decimal> } | undefined;
}

export function consolidate(units: readonly ComputedUnit[]): Consolidation[] {
  const result: Consolidation[] = [];
  for (const unit of units) {
    const members = [unit, ...units.filter((u) => u.id !== unit.id && isDescendant(u, unit, units))];
    if (members.length === 1) continue;
    const withFunding = members.filter((m) => m.funding);
    const sumLines = (pick: 'income' | 'expenditure') => {
      const out = new Map<string, Decimal>();
      for (const m of withFunding) {
        for (const line of m.funding![pick].lines)
          out.set(line.name, (out.get(line.name) ?? dec(0)).plus(line.budget));
      }
      return out;
    };
    result.push({
      unit,
      members,
      projectTotals: totalProjects(members.flatMap((m) => m.projects)),
      funding: withFunding.length
        ? { income: sumLines('income'), expenditure: sumLines('expenditure') }
        : undefined,
    });
  }
  return result;
}

function isDescendant(
  candidate: ComputedUnit,
  ancestor: ComputedUnit,
  all: readonly ComputedUnit[],
): boolean {
  const byId = new Map(all.map((u) => [u.id, u]));
  for (let p = candidate.parentId; p; p = byId.get(p)?.parentId) if (p === ancestor.id) return true;
  return false;
}
