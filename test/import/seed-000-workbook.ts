/**
 * Hand-made workbooks in the layouts of the filed tables, built with exceljs the way a clerk's Excel file
 * is: merged header cells, amounts typed as numbers with a number format, rates as percentages.
 */
import ExcelJS from 'exceljs';

export type CellInput = string | number | { n: number; fmt: string } | null;

/** Writes rows from `top`, merges given as `A1:C2`. */
export function put(ws: ExcelJS.Worksheet, top: number, rows: CellInput[][], merges: string[] = []) {
  rows.forEach((cells, i) => {
    cells.forEach((v, j) => {
      if (v === null) return;
      const cell = ws.getCell(top + i, j + 1);
      if (typeof v === 'object') {
        cell.value = v.n;
        cell.numFmt = v.fmt;
      } else cell.value = v;
    });
  });
  for (const m of merges) ws.mergeCells(m);
}

const money = (n: number, decimals = 2): CellInput => ({
  n,
  fmt: decimals === 0 ? '0' : `0.${'0'.repeat(decimals)}`,
});
const rate = (n: number): CellInput => ({ n, fmt: '0.0%' });

const CLASSES = [
  '数量指标',
  '质量指标',
  '时效指标',
  '经济效益指标',
  '社会效益指标',
  '生态效益指标',
  '服务对象满意度指标',
];

/** The three header rows of seed 000 (documents.md §1), 27 columns, at rows top..top+2. */
export function seed000Header(ws: ExcelJS.Worksheet, top: number) {
  const r = top;
  const row1: CellInput[] = [
    '序号',
    '单位名称',
    '项目名称',
    '项目年度预算金额',
    '实际支出金额',
    null,
    null,
    null,
    '预算支出执行率',
    '年初绩效目标',
    '绩效目标整体完成情况',
    '产出目标',
    null,
    null,
    null,
    null,
    null,
    '效益目标',
    null,
    null,
    null,
    null,
    null,
    '满意度指标',
    null,
    '项目执行中存在的问题',
    '整改情况',
  ];
  const row2: CellInput[] = [
    null,
    null,
    null,
    null,
    '合计',
    '其中: 财政拨款',
    null,
    '非财政资金',
    null,
    null,
    null,
    ...CLASSES.flatMap((c) => [c, null]),
  ];
  const row3: CellInput[] = [
    null,
    null,
    null,
    null,
    null,
    '一般公共预算',
    '政府性基金',
    null,
    null,
    null,
    null,
    ...CLASSES.flatMap(() => ['年度指标内容', '完成情况']),
  ];
  const merges = [
    ...['A', 'B', 'C', 'D', 'I', 'J', 'K', 'Z', 'AA'].map((c) => `${c}${r}:${c}${r + 2}`),
    `E${r}:H${r}`,
    `L${r}:Q${r}`,
    `R${r}:W${r}`,
    `X${r}:Y${r}`,
    `E${r + 1}:E${r + 2}`,
    `F${r + 1}:G${r + 1}`,
    `H${r + 1}:H${r + 2}`,
    ...['L', 'N', 'P', 'R', 'T', 'V', 'X'].map((c) => {
      const next = String.fromCharCode(c.charCodeAt(0) + 1);
      return `${c}${r + 1}:${next}${r + 1}`;
    }),
  ];
  put(ws, r, [row1, row2, row3], merges);
}

export interface Seed000Options {
  /** The 合计 row's 项目年度预算金额 as typed (5116.42 is right). */
  budgetTotal?: number;
}

/**
 * Seed 000's rows 1, 5 and 8 (社会组织管理, 社区服务中心运营, 办公设备购置) under the seed's title and
 * header, rows 7–9, with a 合计 row 10. Figures as the seed prints them.
 */
export async function seed000Workbook(opts: Seed000Options = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  put(ws, 1, [['2020年龙岗区民政局部门预算项目绩效自评表']], ['A1:AA1']);
  put(ws, 2, [['部门名称(盖章): 深圳市龙岗区民政局本级']], ['A2:K2']);
  put(ws, 3, [['单位: 万元']]);
  seed000Header(ws, 4);
  const indicators = (texts: string[]) => texts;
  put(
    ws,
    7,
    [
      [
        1,
        '区民政局本级',
        '社会组织管理',
        money(102, 0),
        money(93.99),
        money(93.99),
        null,
        null,
        rate(0.9999),
        '加快转变政府职能',
        '满足社会组织管理办公室和社会组织党委日常工作需要。',
        ...indicators([
          '随机抽查60家社会组织',
          '完成60家',
          '申报率87%',
          '申报率87%',
          '党务干部补贴发放及时率100%',
          '发放补贴20.55万元',
          '不适用',
          '不适用',
          '促进社会组织发展',
          '已发挥作用',
          '不适用',
          '不适用',
          '服务对象满意度100%',
          '已达标',
        ]),
        '财政统筹回6万元, 调剂2万元到其他一般管理事务。',
        '退回财政统筹安排及调剂到其他项目',
      ],
      [
        5,
        null,
        '社区服务中心运营',
        money(5007.72),
        money(4958.11),
        money(2023.56),
        money(2934.55),
        null,
        rate(0.999),
        '推进社区服务中心运营',
        '全部达成预期指标',
        ...indicators([
          '对111家社区党群服务中心运营维护',
          '已完成',
          '服务质量验收合格',
          '已验收100%合格',
          '服务工作及时率',
          '及时完成',
          '不适用',
          '不适用',
          '丰富社区居民日常文化娱乐生活',
          '有序开展服务',
          '不适用',
          '不适用',
          '社区居民满意度不低于98%',
          '已达标',
        ]),
        '财政调减44.4万',
        null,
      ],
      [
        8,
        null,
        '办公设备购置',
        money(6.7, 1),
        money(3.8),
        money(3.8),
        null,
        null,
        rate(0.916),
        '群众办事等候大厅设备购置',
        '全部达成预期指标',
        ...indicators([
          '购买办公设备11件',
          '购买办公设备11件',
          '设备质量验收合格',
          '已验收100%合格',
          '设备及时送到率',
          '及时完成',
          '不适用',
          '不适用',
          '为办事居民提供舒适的环境',
          '已发挥预期作用。',
          '不适用',
          '不适用',
          '办事居民满意度不低于98%',
          '已达标',
        ]),
        '调剂2.15万到其他一般管理事务, 退回财政0.4万。',
        null,
      ],
      [
        '合计',
        null,
        null,
        money(opts.budgetTotal ?? 5116.42),
        money(5055.9),
        money(2121.35),
        money(2934.55),
        null,
        null,
      ],
    ],
    ['B7:B9', 'A10:C10'],
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
