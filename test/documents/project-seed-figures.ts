import { execFileSync } from 'node:child_process';
import { requireTool } from '../helpers/read-output.js';

/**
 * What seeds 000 and 001 print in the 部门预算项目绩效自评表, written by hand from the seed files
 * (/work/shared/seeds/000_37dd45441264edca.txt, 001_6f273d9d92a1053a.txt), not from jixiao's output.
 * Columns: 项目名称, 项目年度预算金额, 实际支出 合计, 一般公共预算, 政府性基金, 非财政资金, 预算支出执行率;
 * '' where the seed leaves a fund cell blank, '-' where it prints "-". Amounts are as printed (102, 274.5).
 */
export type SeedRow = readonly [
  name: string,
  budget: string,
  total: string,
  general: string,
  fund: string,
  nonFiscal: string,
  rate: string,
];

/** Seed 000, 深圳市龙岗区民政局本级, rates with 1 decimal. */
export const SEED_000: readonly SeedRow[] = [
  ['社会组织管理', '102', '93.99', '93.99', '', '', '100.0%'],
  // Filed 100.0%; the data gives 274.50 ÷ (855.17 − 8.47 − 3.08 − 590.97 = 252.65) = 108.6%, printed as is.
  ['民办社会福利机构', '855.17', '274.50', '274.5', '', '', '100.0%'],
  ['社会福利救济金', '6', '5.99', '5.99', '', '', '99.8%'],
  ['基层政权和社区建设', '28', '27.92', '27.92', '', '', '99.7%'],
  ['社区服务中心运营', '5007.72', '4958.11', '2023.56', '2934.55', '', '99.9%'],
  ['社区民生实事大盆菜', '22', '21.84', '21.84', '', '', '99.3%'],
  // Filed 95.9%; the data gives 121.85 ÷ (134.1 − 15.38 + 8.47 + 2 + 2.15 − 3 = 128.34) = 94.9%.
  ['其他一般管理事务', '134.1', '121.85', '121.85', '', '', '95.9%'],
  ['办公设备购置', '6.7', '3.80', '3.80', '', '', '91.6%'],
  ['界线争议调处维修费', '22', '21.91', '21.91', '', '', '99.6%'],
  ['婚姻登记工作', '47.74', '50.81', '50.81', '', '', '100.0%'],
  ['重大节日慰问活动', '16', '18.99', '18.99', '', '', '99.9%'],
  ['防控一线工作', '0.98', '0.98', '0.98', '', '', '100.0%'],
  ['社工购买服务资助金', '4057.45', '4050.41', '4050.41', '', '', '99.8%'],
  ['养老护理院重新选址建设工程', '35', '34.26', '34.26', '', '', '97.9%'],
];

/** Seed 001, 深圳市龙岗区龙岗街道社区网格管理中心 (sub-unit), rates with 2 decimals. */
export const SEED_001: readonly SeedRow[] = [
  // The seed prints "0.20 | 0.20 | - | 0.20": the lone 0.20 is read as 政府性基金 (see the content's comment).
  ['机动经费', '0.20', '0.20', '-', '0.20', '', '100.00%'],
  // Filed 99.75%; 37.76 ÷ 37.86 = 99.736% → jixiao prints 99.74% (the filed form's rounding slip is not copied).
  ['应急指挥工作', '37.86', '37.76', '37.76', '-', '', '99.75%'],
  ['防控一线工作', '1.05', '1.05', '1.05', '-', '', '100.00%'],
  ['办公设备购置', '9.83', '9.83', '9.83', '-', '', '100.00%'],
  ['其他一般管理事务', '98.42', '98.42', '98.42', '-', '', '100.00%'],
  ['网格管理事务', '62.00', '62.00', '62.00', '-', '', '100.00%'],
  ['当年财力(通用项目)', '4.35', '4.35', '4.15', '0.20', '', '100.00%'],
  ['疫情防控', '6.92', '6.92', '6.92', '-', '', '100.00%'],
];

/** Where jixiao deliberately prints the data's rate instead of the filed one (see the comments above). */
export const DATA_RATES: Readonly<Record<string, string>> = {
  '000:民办社会福利机构': '108.6%',
  '000:其他一般管理事务': '94.9%',
  '001:应急指挥工作': '99.74%',
};

/** A seed amount at the document's 2 decimals ("102" → "102.00"); a blank or "-" fund cell prints "-". */
export function money2(text: string): string {
  if (text === '' || text === '-') return '-';
  const [int, frac = ''] = text.split('.');
  return `${int}.${frac.padEnd(2, '0')}`;
}

export function expectedRate(seed: '000' | '001', row: SeedRow): string {
  return DATA_RATES[`${seed}:${row[0]}`] ?? row[6];
}

/** Whitespace runs collapsed to one space, so a table row's figures read as one sequence. */
export function spaced(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/**
 * pdftotext -raw with all whitespace removed: text in the order the PDF draws it, so a table cell's lines
 * stay together and a row reads name, budget, 合计, … in sequence.
 */
export function pdfRaw(file: string, first?: number, last?: number): string {
  const pages = [...(first ? ['-f', String(first)] : []), ...(last ? ['-l', String(last)] : [])];
  const text = execFileSync(requireTool('pdftotext'), ['-raw', ...pages, file, '-'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return text.replace(/\s+/g, '');
}
