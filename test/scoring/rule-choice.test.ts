/**
 * Which rule set each unit's projects are scored under: the one unit.yaml names, a parent's, or shenzhen;
 * a project's own rules/ folder wins over the package's by name. The findings of the same content are in
 * test/fixtures/check/rule-sets.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkContent } from '../../src/pipeline/check-content.js';
import { runCli } from '../helpers/cli.js';

const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/check/rule-sets/input');
const REPO = path.resolve(import.meta.dirname, '../..');

describe('rule set per unit', () => {
  it('named, inherited by a sub-unit, unknown (none), and the default for a unit naming none', async () => {
    const checked = await checkContent(FIXTURE, REPO);
    expect(Object.fromEntries(checked.ruleSets)).toEqual({
      '2020/dept': {
        id: 'national',
        name: '全国项目支出绩效自评（财预〔2020〕10号）',
        file: 'rules/national.yaml',
        inherited: false,
        from: '2020/dept',
      },
      '2020/dept/sub': {
        id: 'national',
        name: '全国项目支出绩效自评（财预〔2020〕10号）',
        file: 'rules/national.yaml',
        inherited: true,
        from: '2020/dept',
      },
    });
    // check says, for each unit, which set it is scored under and where that is named.
    const shown = await runCli(['check', FIXTURE], REPO);
    const sub = shown.out.slice(shown.out.indexOf('[2020/dept/sub]'));
    expect(shown.out).toContain(
      '评分规则：national（全国项目支出绩效自评（财预〔2020〕10号），rules/national.yaml）',
    );
    expect(sub).toMatch(
      /^\[2020\/dept\/sub\]\n {2}[^\n]*\n {2}评分规则：national（[^\n]*；沿用上级单位 2020\/dept 的设置）/,
    );
    // 另一局 names a set that does not exist: an error, and its projects are not scored.
    expect(checked.projectScores.has('2020/other')).toBe(false);
    // 示例局 scored under national: 分值 as typed.
    expect(checked.projectScores.get('2020/dept')?.[0]?.indicators.map((i) => i.weightText)).toEqual([
      '25',
      '15',
      '20',
      '20',
      '10',
    ]);
  });

  it('a project’s own rules/<id>.yaml wins over the package’s; no name → shenzhen', async () => {
    const project = mkdtempSync(path.join(tmpdir(), 'jixiao-own-rules-'));
    cpSync(FIXTURE, path.join(project, 'content'), { recursive: true });
    writeFileSync(path.join(project, 'content/2020/other/unit.yaml'), 'unit:\n  name: 另一局\n');
    mkdirSync(path.join(project, 'rules'));
    // The project's own national: 执行率 not in 总分 (so 总分 is the indicators' 90 at most).
    const own = readFileSync(path.join(REPO, 'rules/national.yaml'), 'utf8')
      .replace('in_total: true ', 'in_total: false')
      .replace('total: 100', 'total: 90');
    writeFileSync(path.join(project, 'rules/national.yaml'), own);
    const checked = await checkContent(path.join(project, 'content'), project);
    expect(checked.ruleSets.get('2020/dept')).toMatchObject({ id: 'national', file: 'rules/national.yaml' });
    expect(checked.ruleSets.get('2020/other')).toMatchObject({ id: 'shenzhen', inherited: true });
    const scored = checked.projectScores.get('2020/dept')![0]!;
    expect(scored.execution.inTotal).toBe(false);
    // 总分 without 执行率: 25 + 15 (培训场次's 16 is above its 15 and refused: computed 15) + 18 (居民安全:
    // outside its band, an error, but it counts) + 14 (邻里互助, judged) + 10 = 82.
    expect(scored.totalText).toBe('82');
    expect(scored.totalPointsText).toBe('90');
  });
});
