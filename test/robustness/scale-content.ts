import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Indicator groups every generated project fills, one indicator each (five per project). */
const GROUPS: Array<[string, string]> = [
  ['产出指标', '数量指标'],
  ['产出指标', '质量指标'],
  ['产出指标', '时效指标'],
  ['效益指标', '社会效益指标'],
  ['满意度指标', '服务对象满意度指标'],
];

/**
 * Writes a content folder with one unit of `projects` projects, five indicators each, to `root`
 * (`root/2020/scale-unit/`). Figures are exact: budget 100 + i, spent 90 + i, so every rate is computable.
 */
export function writeScaleContent(root: string, projects: number): { unitDir: string; names: string[] } {
  const unitDir = path.join(root, '2020', 'scale-unit');
  mkdirSync(unitDir, { recursive: true });
  writeFileSync(
    path.join(unitDir, 'unit.yaml'),
    'unit:\n  name: 规模测试局\n  short_name: 规模测试局本级\n  rate_decimals: 1\n',
  );
  const names: string[] = [];
  const lines = ['projects:'];
  for (let i = 1; i <= projects; i++) {
    const name = `规模测试项目第${i}号`;
    names.push(name);
    lines.push(
      `  - name: ${name}`,
      `    budget: ${100 + i}`,
      '    spending:',
      `      general_budget: ${90 + i}.5`,
      `    goal: 完成第${i}号项目的年度工作任务, 保障服务对象的基本需求`,
      `    completion: 第${i}号项目按计划完成`,
      '    indicators:',
    );
    for (const [level1, level2] of GROUPS) {
      lines.push(
        `      - level1: ${level1}`,
        `        level2: ${level2}`,
        '        items:',
        `          - target: 第${i}号项目${level2}目标值达到年度计划`,
        `            actual: 第${i}号项目${level2}已完成`,
      );
    }
    lines.push('    problems: 无', '    rectification: 无');
  }
  writeFileSync(path.join(unitDir, 'projects.yaml'), `${lines.join('\n')}\n`);
  return { unitDir, names };
}
