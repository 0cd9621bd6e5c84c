/**
 * `jixiao import`: a workbook's sheets read into one unit's content. Each sheet is offered to the
 * layouts in turn (the wide 部门预算项目绩效自评表, the national 项目支出绩效自评表, the 部门整体支出绩效目标表);
 * a sheet none recognises is a finding at its first cell. The result is the files to write, or nothing
 * when any finding is an error (the files written must pass `jixiao check`).
 */
import { Findings } from '../diagnostics/finding.js';
import { importGoalTable } from './layouts/goal-table.js';
import { importNationalTable } from './layouts/national-table.js';
import { importProjectTable } from './layouts/project-table.js';
import { emptyParts } from './parts.js';
import { SheetFindings } from './sheet-findings.js';
import { unitFiles, type WrittenFile } from './unit-files.js';
import { openWorkbook, type Sheet } from './workbook.js';

export interface ImportResult {
  findings: Findings;
  /** Files of the unit folder, by name; empty when there are errors. */
  files: WrittenFile[];
  year?: number;
  unitName?: string;
  tables: string[];
}

const LAYOUTS = [importProjectTable, importNationalTable, importGoalTable];

export interface WorkbookInput {
  data: Uint8Array;
  /** The path as the user gave it, for findings and the files' header comments. */
  shown: string;
}

/** One or more workbooks of one unit (the national form is one workbook per project). */
export async function importWorkbooks(inputs: WorkbookInput[]): Promise<ImportResult> {
  const findings = new Findings();
  const parts = emptyParts();
  const read: string[] = [];
  for (const { data, shown } of inputs) {
    const out = new SheetFindings(findings, shown);
    const opened = await openWorkbook(data);
    if (!opened.ok) {
      out.fileError(`import-${opened.code}`, `${shown}：${opened.message}`);
      continue;
    }
    read.push(shown);
    const before = parts.tables.length;
    const unrecognised: Sheet[] = [];
    for (const sheet of opened.sheets) {
      if (isEmpty(sheet)) continue;
      if (!LAYOUTS.some((layout) => layout(sheet, parts, out))) unrecognised.push(sheet);
    }
    const none = parts.tables.length === before;
    for (const sheet of unrecognised) {
      const message = `工作表“${sheet.name}”中没有可识别的表头：未找到部门预算项目绩效自评表（序号、项目名称、项目年度预算金额……）、项目支出绩效自评表（年初预算数、全年预算数、全年执行数……）或绩效目标表（任务名称、一级指标、二级指标、三级指标……）的表头${none ? '' : '，这张工作表没有导入'}`;
      if (none) out.error('import-no-header', sheet, 1, 1, message);
      else out.warning('import-no-header', sheet, 1, 1, message);
    }
    if (opened.sheets.every(isEmpty))
      out.fileError('import-empty-workbook', `${shown}：工作簿中没有任何内容`);
  }
  const unitName = parts.unit.get('name')?.value;
  if (parts.tables.length > 0 && !unitName)
    findings.error(
      'import-no-unit-name',
      '表中没有找到单位名称（标题“2020年××部门预算项目绩效自评表”、“部门名称（盖章）：××”、“实施单位”或“部门名称”一格）',
      { file: inputs[0]!.shown, line: 1, col: 1 },
    );
  const result: ImportResult = { findings, files: [], tables: parts.tables };
  if (parts.year !== undefined) result.year = parts.year;
  if (unitName !== undefined) result.unitName = unitName;
  if (findings.errorCount === 0) result.files = unitFiles(parts, read.join('、'));
  return result;
}

function isEmpty(sheet: Sheet): boolean {
  for (let r = 1; r <= sheet.rowCount; r++)
    for (let c = 1; c <= sheet.colCount; c++) if (sheet.at(r, c).text.trim() !== '') return false;
  return true;
}
