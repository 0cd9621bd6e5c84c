/**
 * The national pack (forms.md B1): templates/national/project-self-evaluation, the 财预〔2020〕10号 项目支出绩效自评表
 * declared only by files, one document per project. Built from the example unit content/2023/national-demo
 * (`forms: [national]`, `rules: national`) to DOCX and PDF; every printed figure below is worked out by hand
 * from content/2023/national-demo/projects.yaml and rules/national.yaml (执行率 10 分 at the exact rate, printed
 * at 2 decimals; indicator 分值 as typed, 90 in all; scores rounded to 2 decimals and 总分 their sum).
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import {
  docxTableRows,
  libreOfficeToPdf,
  pdfPageSizes,
  pdfRawText,
  squeeze,
} from '../helpers/read-output.js';

let folder: string;
const file = (project: string, ext: string) =>
  path.join(folder, `2023年示例县文化和旅游局${project}项目支出绩效自评表.${ext}`);

beforeAll(async () => {
  const out = mkdtempSync(path.join(os.tmpdir(), 'jixiao-pack-national-'));
  const run = await runCli(['build', 'content/2023/national-demo', '--out', out]);
  expect(run.code, run.out + run.err).toBe(0);
  folder = path.join(out, '2023/national-demo');
});

/** The DOCX table's rows, cell by cell; a cell merged into the one above reads "" (merge-columns). */
const rowsOf = (project: string) => docxTableRows(file(project, 'docx'));
const pdfOf = (project: string) => squeeze(pdfRawText(file(project, 'pdf')));

describe('national/project-self-evaluation', () => {
  it('writes one DOCX and one PDF per project, and only those: A4 portrait, one page each', () => {
    expect(readdirSync(folder).sort()).toEqual(
      [
        '2023年示例县文化和旅游局公共文化服务补助项目支出绩效自评表.docx',
        '2023年示例县文化和旅游局公共文化服务补助项目支出绩效自评表.pdf',
        '2023年示例县文化和旅游局文物保护修缮项目支出绩效自评表.docx',
        '2023年示例县文化和旅游局文物保护修缮项目支出绩效自评表.pdf',
      ].sort(),
    );
    for (const p of ['公共文化服务补助', '文物保护修缮'])
      expect(pdfPageSizes(file(p, 'pdf'))).toEqual(['595x842']);
  });

  it('公共文化服务补助: the header, the 项目资金 rows by source and their computed total', () => {
    const rows = rowsOf('公共文化服务补助');
    expect(rows).toContainEqual(['项目名称', '公共文化服务补助']);
    expect(rows).toContainEqual(['主管部门', '示例县人民政府', '实施单位', '示例县文化和旅游局']);
    // 年度资金总额 = Σ rows: 100 + 20 = 120 | 110 + 20 = 130 | 104.50 + 18.30 = 122.80; 分值 10;
    // 执行率 122.80 ÷ 130 = 0.944615… → 94.46%; 得分 10 × 0.944615… = 9.446… → 9.45.
    // Each source's own 执行率: 104.50 ÷ 110 = 95.00%, 18.30 ÷ 20 = 91.50%; 分值 and 得分 only on the total (—).
    // 其他资金 was not listed: its row prints blank.
    const block = [
      ['项目资金（万元）', '', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
      ['', '年度资金总额', '120.00', '130.00', '122.80', '10.00', '94.46%', '9.45'],
      ['', '其中：当年财政拨款', '100.00', '110.00', '104.50', '—', '95.00%', '—'],
      ['', '上年结转资金', '20.00', '20.00', '18.30', '—', '91.50%', '—'],
      ['', '其他资金', '', '', '', '—', '', '—'],
    ];
    const start = rows.findIndex((r) => r[0] === '项目资金（万元）');
    expect(rows.slice(start, start + 5)).toEqual(block);
    expect(pdfOf('公共文化服务补助')).toContain(
      '年度资金总额120.00130.00122.8010.0094.46%9.45其中：当年财政拨款100.00110.00104.50—95.00%—上年结转资金20.0020.0018.30—91.50%—其他资金——',
    );
  });

  it('公共文化服务补助: 年度总体目标, every indicator with 分值 and 得分, and 总分 with the grade', () => {
    const rows = rowsOf('公共文化服务补助');
    expect(rows).toContainEqual(['年度总体目标', '预期目标', '实际完成情况']);
    // ≥40场 met by 42场 → 20; =100% met → 15; ≥95% by 90%: 90 ÷ 95 × 15 = 14.2105… → 14.21;
    // ≥30000人次 met → 30; ≥90% by 88%: 88 ÷ 90 × 10 = 9.777… → 9.78.
    // 总分 9.45 + 20 + 15 + 14.21 + 30 + 9.78 = 98.44 of 10 + 90 = 100 → 优 (≥ 90).
    const expected = [
      ['', '产出指标', '数量指标', '送戏下乡场次', '≥40场', '42场', '20.00', '20.00', ''],
      ['', '', '质量指标', '演出验收合格率', '=100%', '100%', '15.00', '15.00', ''],
      [
        '',
        '',
        '时效指标',
        '补助资金拨付及时率',
        '≥95%',
        '90%',
        '15.00',
        '14.21',
        '第四季度两笔补助因乡镇报账材料不全延后拨付；下年起按季度预审材料。',
      ],
      ['', '效益指标', '社会效益指标', '惠及群众人次', '≥30000人次', '32000人次', '30.00', '30.00', ''],
      [
        '',
        '满意度指标',
        '服务对象满意度指标',
        '群众满意度',
        '≥90%',
        '88%',
        '10.00',
        '9.78',
        '部分偏远村演出场次偏少；下年增加偏远村场次。',
      ],
      ['总分', '100.00', '98.44', '自评等级：优'],
    ];
    const header = rows.findIndex((r) => r.includes('偏差原因分析及改进措施'));
    expect(rows[header]).toEqual([
      '绩效指标',
      '一级指标',
      '二级指标',
      '三级指标',
      '年度指标值',
      '实际完成值',
      '分值',
      '得分',
      '偏差原因分析及改进措施',
    ]);
    // The 绩效指标 label merges down the block from the header row; 产出指标 down its three rows.
    expect(rows.slice(header + 1)).toEqual(expected);
    const pdf = pdfOf('公共文化服务补助');
    for (const seq of [
      '送戏下乡场次≥40场42场20.0020.00',
      '补助资金拨付及时率≥95%90%15.0014.21',
      '群众满意度≥90%88%10.009.78',
      '总分100.0098.44自评等级：优',
    ])
      expect(pdf).toContain(seq);
  });

  it('文物保护修缮: a blank 上年结转资金 row, 80.00 %, an = target, a judged qualitative score with its 评分说明', () => {
    const rows = rowsOf('文物保护修缮');
    // 年度资金总额 40 + 10 = 50 | 50 | 30 + 10 = 40; 执行率 40 ÷ 50 = 80.00%, 得分 10 × 0.8 = 8.00;
    // 30 ÷ 40 = 75.00%, 10 ÷ 10 = 100.00%.
    const start = rows.findIndex((r) => r[1] === '年度资金总额');
    expect(rows.slice(start, start + 4)).toEqual([
      ['', '年度资金总额', '50.00', '50.00', '40.00', '10.00', '80.00%', '8.00'],
      ['', '其中：当年财政拨款', '40.00', '40.00', '30.00', '—', '75.00%', '—'],
      ['', '上年结转资金', '', '', '', '—', '', '—'],
      ['', '其他资金', '10.00', '10.00', '10.00', '—', '100.00%', '—'],
    ]);
    // =4处 by 3处: 3 ÷ 4 × 30 = 22.50; =100% met → 20; 部分达成 judged 22 (inside 60 %–80 % of 30 = 18–24);
    // ≥90% by 95% → 10. 总分 8 + 22.5 + 20 + 22 + 10 = 82.50 → 良 (80–90).
    expect(rows).toContainEqual([
      '',
      '效益指标',
      '社会效益指标',
      '文物安全状况',
      '文物本体安全隐患明显减少',
      '部分达成，已消除5处隐患中的3处',
      '30.00',
      '22.00',
      // The 评分说明 on a line of its own (<br/>, which docxTableRows reads as nothing).
      '剩余 2 处隐患列入下年修缮计划。评分说明：已消除 5 处隐患中的 3 处',
    ]);
    expect(rows.at(-1)).toEqual(['总分', '100.00', '82.50', '自评等级：良']);
    const pdf = pdfOf('文物保护修缮');
    for (const seq of [
      '年度资金总额50.0050.0040.0010.0080.00%8.00',
      '上年结转资金——其他资金10.0010.0010.00—100.00%—',
      '修缮文物点数量=4处3处30.0022.50',
      '评分说明：已消除5处隐患中的3处',
      '总分100.0082.50自评等级：良',
    ])
      expect(pdf).toContain(seq);
  });

  it('LibreOffice converts every DOCX', () => {
    for (const p of ['公共文化服务补助', '文物保护修缮']) {
      const pdf = squeeze(pdfRawText(libreOfficeToPdf(file(p, 'docx'))));
      expect(pdf).toContain(p);
      expect(pdf).toContain('年度资金总额');
    }
  });
});
