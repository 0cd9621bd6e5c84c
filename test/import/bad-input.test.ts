/**
 * What `jixiao import` says about workbooks it cannot read, each a Chinese finding at the file or at the
 * sheet and cell, with nothing written: a file that is not a workbook, a password-protected one (an OLE
 * compound file holding EncryptedPackage), a sheet without a recognisable header, an amount typed as
 * text with 万元 glued on.
 */
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, files, importInto, project } from './helpers.js';
import { put, seed000Header } from './seed-000-workbook.js';

afterAll(cleanup);

/**
 * The start of an encrypted OOXML file as Excel saves it: the compound-file signature and header, and a
 * directory sector whose entries name the EncryptionInfo and EncryptedPackage streams (UTF-16LE).
 */
function encryptedWorkbook(): Buffer {
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header);
  header.writeUInt16LE(0x003e, 24); // minor version
  header.writeUInt16LE(0x0003, 26); // major version 3
  header.writeUInt16LE(0xfffe, 28); // little-endian
  header.writeUInt16LE(9, 30); // 512-byte sectors
  const directory = Buffer.alloc(512);
  ['Root Entry', 'EncryptionInfo', 'EncryptedPackage'].forEach((name, i) => {
    const entry = Buffer.from(`${name}\0`, 'utf16le');
    entry.copy(directory, i * 128);
    directory.writeUInt16LE(entry.length, i * 128 + 64);
  });
  return Buffer.concat([header, directory]);
}

async function workbook(fill: (ws: ExcelJS.Worksheet) => void, name = 'Sheet1'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  fill(wb.addWorksheet(name));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('import refuses what it cannot read, with nothing written', () => {
  it('a file that is not a workbook', async () => {
    const dir = project();
    const r = await importInto(
      dir,
      '自评表.xlsx',
      Buffer.from('序号,项目名称\n1,社区服务\n'),
      '--out',
      'content/2020/x',
    );
    expect(r.code).toBe(1);
    expect(r.out).toContain('自评表.xlsx:1:1 错误 自评表.xlsx：不是 Excel 工作簿（.xlsx）');
    expect(r.out).toContain('没有写入任何文件');
    expect(files(`${dir}/content`)).toEqual([]);
  });

  it('a zip that is not a workbook (a DOCX renamed)', async () => {
    const dir = project();
    const { zipSync } = await import('fflate');
    const docx = zipSync({ 'word/document.xml': Buffer.from('<w:document/>') });
    const r = await importInto(dir, '表.xlsx', docx, '--out', 'content/2020/x');
    expect(r.code).toBe(1);
    expect(r.out).toContain('表.xlsx：不是 Excel 工作簿（.xlsx）');
  });

  it('a password-protected workbook', async () => {
    const dir = project();
    const r = await importInto(dir, '加密.xlsx', encryptedWorkbook(), '--out', 'content/2020/x');
    expect(r.code).toBe(1);
    expect(r.out).toContain('加密.xlsx:1:1 错误 加密.xlsx：工作簿设有打开密码（已加密），无法读取');
    expect(files(`${dir}/content`)).toEqual([]);
  });

  it('a sheet with no recognisable header, at the sheet’s first cell', async () => {
    const dir = project();
    const data = await workbook((ws) => put(ws, 1, [['名单'], ['张三', '李四']]), '人员');
    const r = await importInto(dir, '名单.xlsx', data, '--out', 'content/2020/x');
    expect(r.code).toBe(1);
    expect(r.out).toContain('名单.xlsx:1:1 错误 人员!A1：工作表“人员”中没有可识别的表头');
    expect(files(`${dir}/content`)).toEqual([]);
  });

  it('a sheet without a header beside one that has it is passed over with a warning', async () => {
    const dir = project();
    const wb = new ExcelJS.Workbook();
    const notes = wb.addWorksheet('说明');
    put(notes, 1, [['填表说明：金额以万元为单位']]);
    const table = wb.addWorksheet('自评表');
    put(table, 1, [['2020年示例局部门预算项目绩效自评表']]);
    seed000Header(table, 2);
    put(table, 5, [[1, '示例局', '社区服务', 10, 9, 9, null, null]]);
    const r = await importInto(dir, 't.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('警告 说明!A1：工作表“说明”中没有可识别的表头');
    expect(r.out).toContain('这张工作表没有导入');
  });

  it('an amount stored as text with 万元 glued on, at its cell', async () => {
    const dir = project();
    const data = await workbook((ws) => {
      put(ws, 1, [['2020年示例局部门预算项目绩效自评表']]);
      seed000Header(ws, 2);
      put(ws, 5, [
        [1, '示例局', '社区服务', '12.5万元', 9, 9],
        [2, '示例局', '养老服务', 20, 18, '１８'],
      ]);
    });
    const r = await importInto(dir, 't.xlsx', data);
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      't.xlsx:5:4 错误 Sheet1!D5：项目年度预算金额“12.5万元”是带“万元”的文字，不是数字；表中金额都以万元为单位，请在单元格中只填数字 12.5',
    );
    // Full-width digits typed as text: said with the fix (figureHint, as check says it).
    expect(r.out).toContain('t.xlsx:6:6 错误 Sheet1!F6：一般公共预算请用半角数字和符号，应写作 18');
    expect(files(`${dir}/content`)).toEqual([]);
  });
});
