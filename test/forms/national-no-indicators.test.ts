/**
 * A project of the national form with no indicators yet (a clerk fills the table in two sittings): the
 * form still builds in every format. Its 总分 分值 is 10 (执行率) + 90 (the indicators' share under
 * rules/national.yaml) = 100, though only the 10 stands above it on the form — so the 总分 cell is a
 * value, not a sum of the cells above it (a sum would make the XLSX back-end refuse the document).
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { runCli } from '../helpers/cli.js';
import { pdfRawText, squeeze } from '../helpers/read-output.js';

const REPO = path.resolve(import.meta.dirname, '../..');

it('builds a national-form project without indicators to DOCX, PDF and XLSX', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'jixiao-national-bare-'));
  const unitDir = path.join(dir, 'content/2023/national-demo');
  cpSync(path.join(REPO, 'content/2023/national-demo'), unitDir, { recursive: true });
  const file = path.join(unitDir, 'projects.yaml');
  const doc = parseDocument(readFileSync(file, 'utf8'));
  doc.deleteIn(['projects', 1, 'indicators']);
  writeFileSync(file, doc.toString());
  const out = path.join(dir, 'out');
  const r = await runCli(['build', 'content', '--format', 'docx,pdf,xlsx', '--out', out], dir);
  expect(r.code, r.out + r.err).toBe(0);
  const name = '2023年示例县文化和旅游局文物保护修缮项目支出绩效自评表';
  expect(r.out).toContain(`${name}.xlsx`);
  const pdf = squeeze(pdfRawText(path.join(out, '2023/national-demo', `${name}.pdf`)));
  // 年度资金总额 50.00 50.00 40.00, 分值 10.00, 执行率 40 ÷ 50 = 80.00%, 得分 10 × 0.8 = 8.00.
  expect(pdf).toContain('年度资金总额50.0050.0040.0010.0080.00%8.00');
  expect(pdf).toContain('总分100.00');
}, 120_000);
