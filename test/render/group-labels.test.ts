/**
 * Group labels over many pages when a label is taller than the row it is repeated in: the row grows,
 * which moves later page breaks, so the document is laid out again until the labels stay put.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveFonts } from '../../src/fonts/resolve.js';
import { renderPdf } from '../../src/render/index.js';
import { reuseMeasurements } from '../../src/render/pdf/relayout.js';
import { parseMarkup } from '../../src/template/markup.js';
import { pdfText } from '../helpers/read-output.js';

/** Rows per group; level-2 labels span three rows (fewer at a group's end). */
const GROUPS = [3, 7, 2, 11, 5, 9, 4, 13, 6, 8];

function markup(): string {
  let rows = '';
  GROUPS.forEach((n, g) => {
    for (let r = 0; r < n; r++) {
      const level1 =
        r === 0
          ? `<td rowspan="${n}">第${g + 1}组：一个相当长的一级指标名称，在窄栏中要折成好几行才能放下</td>`
          : '';
      const level2 = r % 3 === 0 ? `<td rowspan="${Math.min(3, n - r)}">二级${g}-${r}</td>` : '';
      const note =
        r % 4 === 1 ? '这一行的说明文字比较长，会在这一栏中折成两到三行，使行高不一。'.repeat(2) : '短';
      // A word too long for its column is cut where the line ends: layout changes that piece.
      const code = r % 5 === 2 ? ' QWERTYUIOPASDFGHJKLZXCVBNM1234567890QWERTYUIOP' : '';
      rows += `<tr>${level1}${level2}<td>三级${g}-${r}${code}</td><td>${note}</td><td align="right">${g * 10 + r}.00</td></tr>`;
    }
  });
  return `<document title="分组标签"><section paper="A4" orientation="landscape" page-numbers="center">
<table widths="1 1.2 2 6 1" header-rows="1" font-size="10" group-columns="0 1"><tr><td bold="true">一级</td>
<td bold="true">二级</td><td bold="true">三级</td><td bold="true">说明</td><td bold="true">分</td></tr>${rows}</table>
</section></document>`;
}

describe('group labels taller than the rows they repeat in', () => {
  const render = () => renderPdf(parseMarkup(markup()), { fonts: resolveFonts(process.cwd()) });
  let pdf: Buffer;
  let pages: string[];
  beforeAll(async () => {
    pdf = await render();
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'jixiao-groups-')), 'groups.pdf');
    writeFileSync(file, pdf);
    pages = pdfText(file)
      .split('\f')
      .filter((p) => p.trim());
  });

  it('starts every page with both labels of the row the page begins with', () => {
    expect(pages.length).toBeGreaterThan(3);
    let continued = 0;
    for (const page of pages) {
      const [, g, r] = /三级(\d+)-(\d+)/.exec(page)!.map(Number) as [number, number, number];
      if (r > 0) continued++;
      expect(page, `page beginning with 三级${g}-${r}`).toContain(`第${g + 1}组`);
      expect(page, `page beginning with 三级${g}-${r}`).toContain(`二级${g}-${r - (r % 3)}`);
    }
    // Some page begins inside a group, so a label was repeated rather than printed where the group starts.
    expect(continued).toBeGreaterThan(0);
  });

  it('prints each label once on a page', () => {
    for (const page of pages) {
      for (const label of page.match(/第\d+组/g) ?? [])
        expect(page.split(label).length - 1, `${label} on one page`).toBe(1);
    }
  });

  it('is the same PDF when every layout measures its text afresh', async () => {
    reuseMeasurements(false);
    try {
      expect((await render()).equals(pdf)).toBe(true);
    } finally {
      reuseMeasurements(true);
    }
  });
});
