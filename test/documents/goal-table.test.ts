import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExampleDocument } from '../helpers/built-document.js';
import { runCli } from '../helpers/cli.js';
import { libreOfficeToPdf, pdfPageSizes, pdfRawText, squeeze } from '../helpers/read-output.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const NAME = '2024年深圳市福田区民政局(本级)部门整体支出绩效目标表';

/** Task names as the seed prints them (line breaks inside a cell joined). */
const TASK_NAMES = [
  '基本支出',
  // The seed's name cell is cut by the extraction to "类项目 (非政府 投资项"; the content names the task
  // 一般类项目(非政府投资项目), which contains the surviving fragment.
  '类项目(非政府投资项',
  '一般管理事务',
  '民政管理事务',
  '基层政权建设和社区治理',
  '社会福利支出',
  '殡葬',
  '用于社会福利的彩票公益金支出',
];

/**
 * 主要内容 items as the seed prints them. jixiao generates this text from the items and joins them with
 * "；" (the seed has ";" and, for 一般类项目, "①…②…" numbering); each item is "name amount 万元".
 */
const ITEMS = [
  '劳务派遣费319.86万元',
  '办公设备采购5.64万元',
  '党组织建设2万元',
  '离退休干部节日慰问金(科级及以下)0.3万元',
  '一般管理事务122.052万元',
  '民政管理事务397.068万元',
  '社会福利287.13万元',
  // Printed twice in the seed (a duplicated entry, see tasks.yaml); jixiao prints it once.
  '社会事务118.56万元',
  '社会工作217.375万元',
  '行政区划22.44万元',
  '社区建设56.92万元',
  '业务培训33万元',
  '社会组织86.275万元',
  '书记补贴84万元',
  '业务培训13.2万元',
  '局办公场所日常修缮5万元',
  // The seed writes "质保金约2.75万": jixiao prints the item as data, "…质保金 2.75 万元".
  '福田区婚姻登记处优化扩容临时建筑建设项目质保金',
  '2.75万元',
  '防水及周边外墙修缮尾款12.13万元',
  '结算审核费0.5万元',
];

/** Descriptions the seed prints for tasks without items. */
const DESCRIPTIONS = [
  '主要用于人员、公用及对个人和家庭补助支出等',
  '根据《2023年福田区慰问帮扶低保家庭等困难群体实施方案》工作事项经费',
  '《深圳经济特区殡葬管理条例》',
  '《深圳市福田区股份合作公司深埋绿化地扶持补助管理实施细则》',
  '主要用于对辖区养老机构开展一线护理人员培训、机构管理人员业务培训',
];

/**
 * Amounts (万元). The form prints money with 2 decimals (layout.md: a fixed number of decimals per
 * document), so where the filed form is inconsistent jixiao differs on purpose:
 * - 社会组织管理和党建 is printed 183.475 in the seed (3 decimals) while 一般管理事务 (449.852) is printed
 *   449.85: at 2 decimals, half-up, 183.475 → 183.48;
 * - the seed prints 56 and 其他资金 0; jixiao prints 56.00 and 0.00.
 * 1020.13 (民政管理事务) is lost in the extraction; 金额合计 3980.52 only holds with it (documents.md §2).
 */
const AMOUNTS = [
  '1219.80',
  '20.38',
  '449.85',
  '1020.13',
  '112.36',
  '183.48',
  '180.00',
  '225.00',
  '56.00',
  '513.52',
  '3980.52',
  '0.00',
];

/** 年度总体目标 headings; jixiao numbers them （一）…（十） (the extraction shows "(一)" half-width). */
const GOAL_HEADINGS = [
  '（一）实施养老服务扩容提质行动,推动都市养老供给侧改革',
  '（二）实施未成年人保护撑伞行动,助力儿童友好型城区建设',
  '（三）实施社区治理深度赋能行动,完善社区服务最后一公里',
  '（四）实施社工人才队伍建设行动,推动社会工作高质量发展',
  '（五）实施困弱群体小善大爱行动,夯实社会救助保障基础',
  '（六）实施社会组织培育增效行动,推动行业生态有序健康发展',
  '（七）实施善行福田文明创建行动,打造慈善关爱幸福地标',
  '（八）实施婚姻家庭幸福加分行动,加快婚俗改革实验区建设',
  '（九）实施民生微实事优化提升行动,紧扣居民需求最大公约数',
  '（十）实施民政服务流程再造行动,优化政民互动环境',
];

/** A phrase of each goal's text. */
const GOAL_TEXTS = [
  '一是全力推进《福田区老年人照料机构建设运营管理办法》3.0版出台',
  '三是编织密实广阔的"伞面",健全困境儿童分类管理制度',
  '"党员服务集市""社区邻里节""全民创意计划"',
  '二是深化"兜底民生服务社会工作双百工程"建设',
  '三是充分发挥临时救助"救急难"作用',
  '《福田区民政局支持社会组织高质量发展若干措施》',
  '一是创新打造"1+1+N"消费慈善体系',
  '四是高效落实婚姻登记"跨省通办"政策',
  '统筹实施一批富有特色、效果显著的区、街道级示范项目',
  '三是制定服务机构分布地图及基本公共服务清单',
];

/** 三级指标 names the seed prints (the first five rows lost their names in the extraction). */
const INDICATOR_NAMES = [
  '区政府购买社会工作服务项目评估抽检项目数量',
  '全区党群服务中心项目评估抽检社区数量',
  '开展社会工作骨干人员能力提升培训',
  '符合条件的困难群众纳入体检率',
  '婚姻家庭文化宣传服务人数',
  '托管维护界桩',
  '开展抽查监督工作社会组织数量',
  '开展年度报告工作社会组织数量',
  '开展等级评估工作社会组织数量',
  '开展离任审计和注销清算审计社会组织数量',
  '党支部书记补贴发放数量',
  '党支部开展党建活动',
  '符合条件的困难群众慰问金发放率',
  '扶持补助深埋绿化地',
  '搭建智慧民政综合服务平台',
  '养老机构一线护理人员培训场次',
  '养老机构一线护理人员培训学员人次',
  '养老机构管理人员业务培训场次',
  '家庭护老者培训场次',
  '年关爱扶助人数',
  '心理辅导服务人次',
  '项目评估完成率',
  '民办养老机构资助发放准确率',
  '婚姻登记档案合格率',
  '符合条件的困难群众慰问金发放准确率',
  '在册关爱扶助对象月服务率',
  '各项业务工作完成时间',
  '支出进度达标率',
  '推动社会工作专业化、职业化、本土化发展',
  '提高服务质量,做好养老儿童工作根本保障',
  '促进辖区社会组织发展',
  '提高救助经办能力,符合条件的困难群众应保尽保,应救尽救。',
  '倡导婚姻登记群众移风易俗、婚事新办简办',
  '改善困难群众生活',
  '推动社会工作专业化、职业化、本土化发展的重要基础。',
  '促进社会组织进一步规范化运营',
  '对婚姻家庭辅导服务满意度',
  '社会组织党组织的满意度',
  '困难群众满意度',
];

/** 目标值 as printed, with the row's name where the target alone would be ambiguous. */
const TARGETS = [
  '10次',
  '10台',
  '18人',
  '26个',
  '3100户',
  '抽检项目数量13个',
  '抽检社区数量28个',
  '能力提升培训26场',
  '纳入体检率100%',
  '宣传服务人数4000人',
  '托管维护界桩26个',
  '77家',
  '758家',
  '30家',
  '70家',
  '75人',
  '15场',
  '6处',
  '1个',
  '2场',
  '200人',
  '1场',
  '47场',
  '≥800人',
  '≥300人次',
  '2024年12月完成',
  '≥95%',
  '显著',
  '≥90%',
];

const LABELS = [
  '部门名称',
  '深圳市福田区民政局(本级)',
  '主管部门',
  '深圳市福田区民政局',
  '年度主要任务',
  '任务名称',
  '主要内容',
  '总额',
  '财政拨款',
  '其他资金',
  '金额合计',
  '年度总体目标',
  '年度绩效指标',
  '一级指标',
  '二级指标',
  '三级指标',
  '目标值',
  '产出指标',
  '数量指标',
  '质量指标',
  '时效指标',
  '成本指标',
  '效益指标',
  '社会效益指标',
  '经济效益指标',
  '生态效益指标',
  '可持续影响指标',
  '满意度指标',
  '服务对象满意度指标',
];

const count = (text: string, word: string) => text.split(word).length - 1;

let out: string;
let pdf: string;
let docx: string;
let pdfFlat: string;
let docxFlat: string;

beforeAll(async () => {
  ({ out, pdf, docx, pdfFlat, docxFlat } = await buildExampleDocument('2024', '2024/futian-minzheng', NAME));
});

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('部门整体支出绩效目标表 (seed 003)', () => {
  const formats = () =>
    [
      ['PDF', pdfFlat],
      ['DOCX', docxFlat],
    ] as const;

  it('prints the title, the year and the unit block', () => {
    for (const [format, text] of formats()) {
      expect(text, format).toContain('部门整体支出绩效目标表');
      expect(text, format).toContain('2024年度');
      for (const label of LABELS) expect(text, `${format}: ${label}`).toContain(label);
    }
  });

  it('prints every task, every item of 主要内容 and every description the seed prints', () => {
    for (const [format, text] of formats()) {
      for (const s of [...TASK_NAMES, ...ITEMS, ...DESCRIPTIONS])
        expect(text, `${format}: ${s}`).toContain(s);
      // 社会事务 is listed once (the seed's duplicate is not an item).
      expect(count(text, '社会事务118.56万元'), format).toBe(1);
    }
  });

  it('prints every amount computed from the items, with 金额合计 3980.52', () => {
    for (const [format, text] of formats()) {
      for (const a of AMOUNTS) expect(text, `${format}: ${a}`).toContain(a);
      // 449.852 → 449.85 and 1020.133 → 1020.13: rounded once, at the printing precision.
      expect(text, format).not.toContain('449.852万元');
      expect(text, format).not.toContain('1138.69');
      // 总额 and 财政拨款 of 金额合计 (all funds are 财政拨款), then 其他资金 0.00.
      expect(text, format).toContain('金额合计3980.523980.520.00');
    }
  });

  it('numbers 年度总体目标 （一）…（十） with each heading and its text', () => {
    for (const [format, text] of formats()) {
      for (const h of [...GOAL_HEADINGS, ...GOAL_TEXTS]) expect(text, `${format}: ${h}`).toContain(h);
      let at = -1;
      for (const h of GOAL_HEADINGS) {
        const next = text.indexOf(h);
        expect(next, `${format}: ${h} in order`).toBeGreaterThan(at);
        at = next;
      }
    }
  });

  it('prints every indicator and target, and the 不适用 groups keep their rows', () => {
    for (const [format, text] of formats()) {
      for (const s of [...INDICATOR_NAMES, ...TARGETS]) expect(text, `${format}: ${s}`).toContain(s);
      // 经济效益指标 and 生态效益指标: 三级指标 不适用 and 目标值 不适用 each.
      expect(count(text, '经济效益指标不适用不适用'), format).toBe(1);
      expect(count(text, '生态效益指标不适用不适用'), format).toBe(1);
      expect(count(text, '显著'), format).toBeGreaterThanOrEqual(9);
    }
  });

  it('repeats the indicator header and the group labels at the top of every page the table continues on', () => {
    const pages = pdfPageSizes(pdf).length;
    let continued = 0;
    for (let page = 2; page <= pages; page++) {
      const text = squeeze(pdfRawText(pdf, page));
      const header = '年度绩效指标一级指标二级指标三级指标目标值';
      const at = text.indexOf(header);
      if (at < 0 || text.indexOf('年度总体目标') >= 0) continue;
      continued++;
      // The first row under the repeated header names its 一级 and 二级 group again.
      expect(text.slice(at + header.length), `page ${page}`).toMatch(
        /^(产出指标|效益指标|满意度指标)\S*?指标/,
      );
    }
    expect(continued).toBeGreaterThanOrEqual(1);
  });

  it('is A4 portrait on every page', () => {
    const sizes = pdfPageSizes(pdf);
    expect(sizes.length).toBeGreaterThanOrEqual(2);
    for (const s of sizes) expect(s).toBe('595x842');
  });

  it('converts with LibreOffice, which finds the same figures', () => {
    const converted = squeeze(pdfRawText(libreOfficeToPdf(docx)));
    for (const s of ['3980.52', '449.85', '劳务派遣费319.86万元', '（十）实施民政服务流程再造行动']) {
      expect(converted).toContain(s);
    }
  });
});

describe('a corrected item amount', () => {
  it('changes the task 总额 and 金额合计 on the next build; the old figures are gone', async () => {
    const work = mkdtempSync(path.join(os.tmpdir(), 'jixiao-goal-table-edit-'));
    try {
      const content = path.join(work, 'content');
      cpSync(path.join(REPO, 'content/2024/futian-minzheng'), path.join(content, '2024/futian-minzheng'), {
        recursive: true,
      });
      const tasksFile = path.join(content, '2024/futian-minzheng/tasks.yaml');
      const original = readFileSync(tasksFile, 'utf8');
      // 劳务派遣费 319.86 → 329.86: 一般管理事务 449.852 → 459.852 (459.85), 金额合计 3980.522 → 3990.522.
      const edited = original.replace('amount: 319.86', 'amount: 329.86');
      expect(edited).not.toBe(original);
      writeFileSync(tasksFile, edited);

      // The 预算批复数 (approved: 449.85) no longer matches: the build stops and names both figures.
      const outDir = path.join(work, 'output');
      const stopped = await runCli(['build', content, '--out', outDir], REPO);
      expect(stopped.code).toBe(1);
      expect(stopped.out).toContain('459.852');
      expect(stopped.out).toContain('449.85');

      writeFileSync(tasksFile, edited.replace('approved: 449.85', 'approved: 459.85'));
      const r = await runCli(['build', content, '--out', outDir], REPO);
      expect(r.code, r.out).toBe(0);
      const text = squeeze(pdfRawText(path.join(outDir, '2024/futian-minzheng', `${NAME}.pdf`)));
      expect(text).toContain('劳务派遣费329.86万元');
      expect(text).toContain('459.85');
      expect(text).toContain('金额合计3990.523990.520.00');
      expect(text).not.toContain('319.86');
      expect(text).not.toContain('449.85');
      expect(text).not.toContain('3980.52');
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
