/**
 * Until jixiao's own `--format xlsx` is merged, the round trip reads each document through this test's
 * transcription of the intermediate document into a workbook, as issue 17 item 1 describes it: one sheet,
 * paragraphs and tables row by row from A1, spans as merged cells, figures as numbers with the printed
 * decimals as their number format (rates as percentages), everything else as text.
 */
import ExcelJS from 'exceljs';
import type { IntermediateDocument, Run } from '../../src/document/types.js';

const text = (runs: Run[]) => runs.map((r) => ('break' in r ? '\n' : r.text)).join('');

function setFigure(cell: ExcelJS.Cell, shown: string) {
  const number = /^\d+(\.(\d+))?$/.exec(shown);
  const percent = /^(\d+(\.(\d+))?)%$/.exec(shown);
  if (number) {
    cell.value = Number(shown);
    cell.numFmt = number[2] ? `0.${'0'.repeat(number[2].length)}` : '0';
  } else if (percent) {
    cell.value = Number(percent[1]) / 100;
    cell.numFmt = percent[3] ? `0.${'0'.repeat(percent[3].length)}%` : '0%';
  } else cell.value = shown;
}

export async function documentWorkbook(doc: IntermediateDocument, sheetName = 'Sheet1'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  let row = 1;
  for (const section of doc.sections) {
    for (const block of section.blocks) {
      if (block.kind === 'paragraph' || block.kind === 'heading') {
        ws.getCell(row, 1).value = text(block.runs);
        row++;
      } else if (block.kind === 'table') {
        const taken = new Set<string>();
        block.rows.forEach((tr, i) => {
          let col = 1;
          for (const cell of tr.cells) {
            while (taken.has(`${row + i}:${col}`)) col++;
            setFigure(ws.getCell(row + i, col), text(cell.runs));
            for (let r = 0; r < cell.rowSpan; r++)
              for (let c = 0; c < cell.colSpan; c++) taken.add(`${row + i + r}:${col + c}`);
            if (cell.rowSpan > 1 || cell.colSpan > 1)
              ws.mergeCells(row + i, col, row + i + cell.rowSpan - 1, col + cell.colSpan - 1);
            col += cell.colSpan;
          }
        });
        row += block.rows.length + 1;
      }
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
