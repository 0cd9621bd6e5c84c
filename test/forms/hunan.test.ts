/**
 * The Hunan pack (forms.md B5, 整体绩效目标表): the example unit content/2023/hunan-demo builds the target table in
 * DOCX and PDF, every 一级 class and its usual 二级 kept as a row when empty; LibreOffice converts the DOCX; and
 * a * field left out is a warning at its line in `check`.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { docxTableRows, docxText, libreOfficeToPdf, pdfText, squeeze } from '../helpers/read-output.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const UNIT = 'content/2023/hunan-demo';
let out: string;
const file = (ext: string) =>
  path.join(out, '2023/hunan-demo', `2023年湖南省示例县民政局整体绩效目标表.${ext}`);

beforeAll(async () => {
  out = mkdtempSync(path.join(os.tmpdir(), 'jixiao-hunan-'));
  const r = await runCli(['build', UNIT, '--out', out], ROOT);
  expect(r.code, r.out + r.err).toBe(0);
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

// From indicators.yaml: 4 indicators in 数量, 质量, 社会效益, 服务对象满意度; the other usual 二级 (时效, 成本,
// 经济效益, 生态效益, 可持续影响) are empty rows: 4 + 5 = 9 rows. 指标值类型: ≥3000户 and 100% and ≥90% are
// 定量, 有效保障 定性; 计量单位 from the target (户, %) or as typed (%); a merged-away cell reads "".
const INDICATOR_ROWS = [
  [
    '产出指标',
    '数量指标',
    '城乡低保保障户数',
    '定量',
    '≥3000户',
    '户',
    '全年纳入城乡低保并按月发放保障金的户数',
    '达到目标得满分，每少 100 户扣 1 分',
    '以民政部门系统数据为准',
  ],
  [
    '',
    '质量指标',
    '低保资金发放准确率',
    '定量',
    '100%',
    '%',
    '准确发放的户数占应发放户数的比例',
    '每低于目标 1 个百分点扣 2 分',
    '',
  ],
  ['', '时效指标', '', '', '', '', '', '', ''],
  ['', '成本指标', '', '', '', '', '', '', ''],
  ['效益指标', '经济效益指标', '', '', '', '', '', '', ''],
  [
    '',
    '社会效益指标',
    '困难群众基本生活',
    '定性',
    '有效保障',
    '',
    '困难群众基本生活得到保障的情况',
    '有效保障得满分，基本保障得一半分，未保障不得分',
    '',
  ],
  ['', '生态效益指标', '', '', '', '', '', '', ''],
  ['', '可持续影响指标', '', '', '', '', '', '', ''],
  [
    '满意度指标',
    '服务对象满意度指标',
    '服务对象满意度',
    '定量',
    '≥90%',
    '%',
    '抽样调查中表示满意的服务对象占比',
    '每低于目标 1 个百分点扣 1 分',
    '',
  ],
];

describe('hunan/goal-table from the example unit', () => {
  it('prints the unit, its duties, its goals and every class of indicator in the DOCX', () => {
    const rows = docxTableRows(file('docx'));
    expect(rows[0]).toEqual(['部门（单位）名称', '湖南省示例县民政局']);
    expect(rows[1]).toEqual([
      '*部门（单位）职责',
      // Numbered lines joined by line breaks (docxTableRows drops the breaks).
      '1. 贯彻执行民政工作的法律法规和政策2. 负责城乡最低生活保障、特困人员救助供养等社会救助工作3. 负责养老服务体系建设和儿童福利工作',
    ]);
    expect(rows[2]?.[1]).toContain('（一）兜牢民生底线：城乡低保对象应保尽保，资金按月足额发放。');
    expect(rows[2]?.[1]).toContain('（二）提升养老服务：');
    const header = rows.findIndex((r) => r[0] === '一级指标');
    expect(rows[header]).toEqual([
      '一级指标',
      '二级指标',
      '三级指标',
      '指标值类型',
      '*指标值',
      '计量单位',
      '*指标解释',
      '*评（扣）分标准',
      '备注',
    ]);
    expect(rows.slice(header + 1)).toEqual(INDICATOR_ROWS);
    expect(docxText(file('docx'))).toContain('（2023年度）');
  });

  it('prints the same rows in the PDF, and LibreOffice converts the DOCX', () => {
    const pdf = pdfText(file('pdf'), { layout: true });
    expect(pdf).toMatch(/产出指标\s+数量指标\s+城乡低保保障户数\s+定量\s+≥3000户\s+户/);
    expect(pdf).toMatch(/低保资金发放准确率\s+定量\s+100%\s+%/);
    expect(pdf).toMatch(/^\s+时效指标\s*$/m);
    expect(pdf).toMatch(/^\s+成本指标\s*$/m);
    expect(pdf).toMatch(/效益指标\s+经济效益指标\s*$/m);
    expect(pdf).toMatch(/社会效益指标\s+困难群众基本生活\s+定性\s+有效保障/);
    const flat = squeeze(pdf);
    for (const t of [
      '整体绩效目标表',
      '湖南省示例县民政局',
      '2.负责城乡最低生活保障',
      '（二）提升养老服务',
      '生态效益指标',
      '服务对象满意度',
      '以民政部门系',
    ])
      expect(flat).toContain(t);
    const converted = squeeze(pdfText(libreOfficeToPdf(file('docx'))));
    expect(converted).toContain('城乡低保保障户数');
    expect(converted).toContain('可持续影响指');
  });
});

describe('the * fields of the 整体绩效目标表', () => {
  it('a missing 职责 and a missing 指标解释 are warnings at their lines; the table is still built', async () => {
    const work = mkdtempSync(path.join(os.tmpdir(), 'jixiao-hunan-check-'));
    try {
      const unitDir = path.join(work, 'content/2023/hunan-demo');
      cpSync(path.join(ROOT, UNIT), unitDir, { recursive: true });
      const unit = readFileSync(path.join(unitDir, 'unit.yaml'), 'utf8');
      writeFileSync(path.join(unitDir, 'unit.yaml'), unit.replace(/ {2}duties:[\s\S]*$/, ''));
      const indicators = readFileSync(path.join(unitDir, 'indicators.yaml'), 'utf8').replace(
        '        explanation: 准确发放的户数占应发放户数的比例\n',
        '',
      );
      writeFileSync(path.join(unitDir, 'indicators.yaml'), indicators);
      const line = indicators.split('\n').findIndex((l) => l.includes('- name: 低保资金发放准确率')) + 1;
      const r = await runCli(['check', 'content'], work);
      expect(r.code, r.out).toBe(0);
      expect(r.out).toMatch(
        /unit\.yaml:\d+:\d+ 警告 湖南省示例县民政局选用了文书“整体绩效目标表（湖南）”（hunan\/goal-table），没有填写表上的必填项“部门（单位）职责”（duties）/,
      );
      expect(r.out).toMatch(
        new RegExp(
          `indicators\\.yaml:${line}:\\d+ 警告 湖南省示例县民政局选用了文书“整体绩效目标表（湖南）”（hunan/goal-table），质量指标中的指标“低保资金发放准确率”没有填写表上的必填项“指标解释”（explanation）`,
        ),
      );
      expect(r.out.match(/必填项/g)).toHaveLength(2);
      const b = await runCli(['build', 'content', '--out', 'out'], work);
      expect(b.code, b.out).toBe(0);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
