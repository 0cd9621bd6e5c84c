import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExampleDocument } from '../helpers/built-document.js';
import { runCli } from '../helpers/cli.js';
import { docxText, libreOfficeToPdf, pdfPageSizes, pdfRawText, squeeze } from '../helpers/read-output.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const NAME = '2022年青山区民政局(汇总)部门整体支出绩效目标申报表';

/** The header block. The seed writes "填报日期: 2022 年 1 月 14 日"; jixiao uses the full-width colon. */
const HEADER = [
  '附件3',
  '部门整体支出绩效目标申报表',
  '填报日期：2022年1月14日',
  '部门名称',
  '青山区民政局(汇总)',
  '填报人',
  '王宏超',
  '联系电话',
  '027-68865278',
];

/**
 * 部门总体资金情况 rows: name, 当年预算, 占比, 2020年, 2021年 (合计 rows without 占比, as the seed prints them).
 * Money prints with 2 decimals on this form (layout.md: a fixed number per document), so where the seed
 * prints the author's short form jixiao differs on purpose: 48 → 48.00, 29.4 → 29.40, 0 → 0.00,
 * 974.8 → 974.80.
 */
const FUNDING_ROWS = [
  '财政拨款6009.0999.21%4749.165818.97',
  '其他资金48.000.79%29.400.00',
  '基本支出1056.2717.44%865.54974.80',
  '项目支出5000.8282.56%3913.024844.17',
];
const FUNDING_TOTAL = '合计6057.094778.565818.97';
const FUNDING_LABELS = [
  '部门总体资金情况（万元）',
  '总体资金情况',
  '当年预算',
  '占比',
  '近两年收支情况',
  '2020年',
  '2021年',
  '收入构成',
  '支出构成',
];

/** A phrase of each of the 17 部门职能概述 items, in order. */
const FUNCTIONS = [
  '拟定全区民政事业中长期发展规划和年度工作计划',
  '负责全区社会团体、基金会、社会服务机构等社会组织的管理和执法监督工作',
  '负责区级直接登记和无主管部门的社会组织党的建设',
  '统筹全区社会救助体系建设',
  '负责全区城乡基层群众自治建设和社区治理政策的组织实施',
  '负责区划地名管理工作',
  '负责辖区婚姻登记管理工作',
  '负责全区殡葬管理工作',
  '统筹推进、督促指导、监督管理养老服务工作,根据上级政策文件',
  '贯彻执行残疾人权益保护政策',
  // The seed's "关爱服务体系 and 困境儿童" is an extraction artefact for 和.
  '负责儿童福利、孤弃儿童保障、儿童收养、儿童救助保护等工作',
  '贯彻执行慈善事业发展政策',
  '会同有关部门推进社会工作人才队伍建设和志愿者队伍建设',
  '按规定承担全面从严治党',
  '完成上级交办的其他任务',
  '职能转变。区民政局要强化基本民生保障职能',
  '有关职责分工。与区卫生健康局的有关职责分工',
];

/** 年度工作任务 and 长期目标 (the seed prints the same four items in both). */
const TASKS = ['持续抓好疫情防控', '务实做好困难救助', '严格强化安全稳定', '紧盯绩效目标创建'];
const TASK_PHRASES = [
  '慎终如始地抓好民政领域常态化疫情防控工作',
  '“冬季送温暖”“夏季送清凉”专项救助行动',
  '加强矛盾纠纷排查化解和安全生产监督检查',
  '以只争朝夕的精神，不讲客观、不讲条件来抓好绩效目标推进落实',
];

/** 年度目标 1–4: heading and a phrase of the text. */
const ANNUAL_GOALS = [
  ['基本民生保障方面', '全力打好困难群众生活保障持久战'],
  ['老年福利方面', '落实养老服务人才培养补贴办法'],
  ['社区治理创新创优', '做好疫后人群心理疏导工作'],
  ['民政管理事务', '推进违规公墓的整治'],
] as const;

/** 指标名称 in each goal's table, as the seed prints them. */
const INDICATOR_NAMES = [
  '困难人群救助数量',
  '困难人群救助质量',
  '困难人群救助金发放及时性',
  '取得的社会效益',
  '满意度',
  '享受高龄补贴人数、特殊困难老补贴人数',
  '养老机构及设施补贴数量',
  '享受护理员补贴人数',
  '补助补贴的标准',
  '补助补贴发放及时性',
  '项目实施的社会效益',
  '健全社区工作者机制、加强社区治理能力',
];

/** 指标值 (近两年, 预期当年实现值) and 绩效标准 texts the seed prints. */
const INDICATOR_VALUES = [
  '应保尽保、应救尽救',
  '依政策纳入救助范围，应保尽保、应救尽救',
  '根据政策标准执行',
  '及时发放补贴，不拖欠',
  '按政策规定及时发放补贴，不拖欠',
  '及时高效，救急解难，确保困难人群基本生活。',
  '范落实各种困难人群救助政策的实施',
  '95%以上',
  '高龄津贴80岁以上老人全覆盖',
  '依政策纳入补贴发放范围；特殊困难老人评估认定',
  '符合政策条件纳入补贴范围',
  '符合条件的持证人员纳入补贴范围',
  '根据政策标准执行；需要评估的项目，按评估结果依政策标准发放',
  '补贴更有针对性，实效性，机构设施的为老服务功能不断提高',
  '解决人员短缺、提升社区工作者待遇、加强基层治理能力',
  '依法依规落实流乞救助保障政策、殡葬惠民政策，持续推进违规公墓整治',
  '完成行政区划调整及勘定工作',
];

const INDICATOR_HEADER = [
  '年度绩效指标',
  '一级指标',
  '二级指标',
  '指标名称',
  '指标值',
  '近两年指标值',
  '绩效标准',
];

const count = (text: string, word: string) => text.split(word).length - 1;

let out: string;
let pdf: string;
let docx: string;
let pdfFlat: string;
let docxFlat: string;

beforeAll(async () => {
  ({ out, pdf, docx, pdfFlat, docxFlat } = await buildExampleDocument(
    '2022',
    '2022/qingshan-minzheng',
    NAME,
  ));
});

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('部门整体支出绩效目标申报表 (seed 004)', () => {
  const formats = () =>
    [
      ['PDF', pdfFlat],
      ['DOCX', docxFlat],
    ] as const;

  it('prints the attachment label, the title, 填报日期, 部门名称, 填报人 and 联系电话', () => {
    for (const [format, text] of formats()) {
      for (const s of HEADER) expect(text, `${format}: ${s}`).toContain(s);
      expect(text.indexOf('附件3'), format).toBeLessThan(text.indexOf('部门整体支出绩效目标申报表'));
    }
  });

  it('prints 部门总体资金情况 with computed 合计 rows, shares and the two prior years', () => {
    for (const [format, text] of formats()) {
      for (const s of [...FUNDING_LABELS, ...FUNDING_ROWS]) expect(text, `${format}: ${s}`).toContain(s);
      // 收入构成 and 支出构成 both total 6057.09 (2020: 4778.56, 2021: 5818.97).
      expect(count(text, FUNDING_TOTAL), format).toBe(2);
      for (const share of ['99.21%', '0.79%', '17.44%', '82.56%']) expect(count(text, share), format).toBe(1);
    }
  });

  it('numbers 部门职能概述, 年度工作任务, 长期目标 and 年度目标', () => {
    for (const [format, text] of formats()) {
      for (const label of ['部门职能概述', '年度工作任务', '整体绩效目标', '长期目标', '年度目标']) {
        expect(text, `${format}: ${label}`).toContain(label);
      }
      FUNCTIONS.forEach((f, i) => {
        expect(text, `${format}: ${f}`).toContain(`${i + 1}.${f}`);
      });
      TASKS.forEach((t, i) => {
        // Once in 年度工作任务 and once in 长期目标.
        expect(count(text, `${i + 1}.${t}。`), `${format}: ${t}`).toBe(2);
      });
      for (const p of TASK_PHRASES) expect(count(text, p), `${format}: ${p}`).toBe(2);
      ANNUAL_GOALS.forEach(([title, phrase], i) => {
        expect(text, `${format}: ${title}`).toContain(`${i + 1}.${title}：`);
        expect(text, `${format}: ${phrase}`).toContain(phrase);
      });
    }
  });

  it('gives each 年度目标 its text and its indicator table, in order', () => {
    for (const [format, text] of formats()) {
      let at = -1;
      ANNUAL_GOALS.forEach(([title], i) => {
        const heading = `年度目标${i + 1}：${title}：`;
        const next = text.indexOf(heading);
        expect(next, `${format}: ${heading}`).toBeGreaterThan(at);
        at = next;
      });
      for (const h of INDICATOR_HEADER) {
        expect(count(text, h), `${format}: ${h}`).toBeGreaterThanOrEqual(ANNUAL_GOALS.length);
      }
      expect(count(text, '预期当年实现值'), format).toBeGreaterThanOrEqual(ANNUAL_GOALS.length);
    }
  });

  it('prints every indicator name, its 近两年指标值, 预期当年实现值 and 绩效标准', () => {
    for (const [format, text] of formats()) {
      for (const s of [...INDICATOR_NAMES, ...INDICATOR_VALUES]) expect(text, `${format}: ${s}`).toContain(s);
      // Goal 1's 满意度 row: 2020 | 2021 | 预期当年实现值 | 绩效标准, all 95%以上.
      expect(text, format).toContain('满意度95%以上95%以上95%以上95%以上');
      // Goal 2's 补助补贴发放及时性 row: four times 按政策规定及时发放补贴，不拖欠.
      expect(text, format).toContain(`补助补贴发放及时性${'按政策规定及时发放补贴，不拖欠'.repeat(4)}`);
    }
  });

  it('keeps the rows of empty groups (goals 3 and 4: 产出 数量/质量/时效, 成本指标)', () => {
    for (const [format, text] of formats()) {
      // Goals 3 and 4 have no 产出 indicators, yet print the four 产出 rows with their labels, empty: the
      // 效益 group follows them, on the same page or (the PDF's goal 4, whose table runs over after its
      // 产出 rows) after the page number and the header repeated at the top of the next page.
      const EMPTY_OUTPUT = '产出指标数量指标质量指标时效指标成本指标';
      const after = [...text.matchAll(new RegExp(EMPTY_OUTPUT, 'g'))].map((m) =>
        text.slice(m.index + EMPTY_OUTPUT.length).replace(/^—\d+—年度目标\d：.*?2020年2021年/, ''),
      );
      expect(after.length, format).toBe(2);
      for (const rest of after) expect(rest.slice(0, 4), format).toBe('效益指标');
      expect(count(text, '成本指标'), format).toBe(2);
      expect(count(text, '数量指标'), format).toBe(4);
      expect(count(text, '服务对象满意度指标'), format).toBe(4);
    }
  });

  it('is A4 portrait on every page', () => {
    const sizes = pdfPageSizes(pdf);
    expect(sizes.length).toBeGreaterThanOrEqual(2);
    for (const s of sizes) expect(s).toBe('595x842');
  });

  it('converts with LibreOffice, which finds the same figures', () => {
    const converted = squeeze(pdfRawText(libreOfficeToPdf(docx)));
    for (const s of ['附件3', ...FUNDING_ROWS, FUNDING_TOTAL, '年度目标4：民政管理事务：']) {
      expect(converted).toContain(s);
    }
  });
});

describe('a corrected funding amount', () => {
  it('changes the 合计 rows and the shares on the next build; the old figures are gone', async () => {
    const work = mkdtempSync(path.join(os.tmpdir(), 'jixiao-goal-declaration-edit-'));
    try {
      const content = path.join(work, 'content');
      const unitDir = path.join(content, '2022/qingshan-minzheng');
      cpSync(path.join(REPO, 'content/2022/qingshan-minzheng'), unitDir, { recursive: true });
      const file = path.join(unitDir, 'funding.yaml');
      const original = readFileSync(file, 'utf8');
      // 其他资金 48 → 52 and 基本支出 1056.27 → 1060.27 (income must equal expenditure):
      // 合计 6061.09; shares 6009.09 ÷ 6061.09 = 99.142%, 52 ÷ 6061.09 = 0.858%,
      // 1060.27 ÷ 6061.09 = 17.493%, 5000.82 ÷ 6061.09 = 82.507%.
      const edited = original
        .replace('budget: 48\n', 'budget: 52\n')
        .replace('budget: 1056.27', 'budget: 1060.27');
      expect(edited).not.toBe(original);
      writeFileSync(file, edited);
      const outDir = path.join(work, 'output');
      const r = await runCli(['build', content, '--out', outDir], REPO);
      expect(r.code, r.out).toBe(0);
      const text = squeeze(pdfRawText(path.join(outDir, '2022/qingshan-minzheng', `${NAME}.pdf`)));
      expect(text).toContain('其他资金52.000.86%');
      expect(text).toContain('财政拨款6009.0999.14%');
      expect(text).toContain('基本支出1060.2717.49%');
      expect(text).toContain('项目支出5000.8282.51%');
      expect(count(text, '合计6061.094778.565818.97')).toBe(2);
      for (const old of ['6057.09', '99.21%', '0.79%', '17.44%', '82.56%', '1056.27', '48.00']) {
        expect(text, old).not.toContain(old);
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});

describe('a funding line left blank (-)', () => {
  it('prints its 当年预算 and 占比 blank, not 0.00, and leaves the totals and shares as they were', async () => {
    const work = mkdtempSync(path.join(os.tmpdir(), 'jixiao-goal-declaration-blank-'));
    try {
      const content = path.join(work, 'content');
      const unitDir = path.join(content, '2022/qingshan-minzheng');
      cpSync(path.join(REPO, 'content/2022/qingshan-minzheng'), unitDir, { recursive: true });
      const file = path.join(unitDir, 'funding.yaml');
      const original = readFileSync(file, 'utf8');
      // A third income line the department has none of this year: budget written "-", no history.
      const edited = original.replace(
        '  expenditure:\n',
        '    - name: 政府性基金\n      budget: "-"\n  expenditure:\n',
      );
      expect(edited).not.toBe(original);
      writeFileSync(file, edited);
      const outDir = path.join(work, 'output');
      const r = await runCli(['build', content, '--out', outDir], REPO);
      expect(r.code, r.out).toBe(0);
      const base = path.join(outDir, '2022/qingshan-minzheng', NAME);
      for (const [format, text] of [
        ['PDF', squeeze(pdfRawText(`${base}.pdf`))],
        ['DOCX', squeeze(docxText(`${base}.docx`))],
      ] as const) {
        // The line: its name, nothing for 当年预算 and 占比, "-" for the two prior years it has no amount for.
        expect(text, format).toContain('其他资金48.000.79%29.400.00政府性基金--合计');
        expect(text, format).not.toContain('政府性基金0.00');
        // 合计 6009.09 + 48 + 0 = 6057.09 as before; the other lines' shares unchanged (99.21%, 0.79%).
        expect(count(text, FUNDING_TOTAL), format).toBe(2);
        expect(text, format).toContain('财政拨款6009.0999.21%');
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
