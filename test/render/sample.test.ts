/**
 * The sample document (every markup feature) rendered from its fixture context, checked through what a
 * reader gets: the intermediate document (fixture JSON), the DOCX's XML parts, the PDF's text, page
 * sizes and fonts (poppler), LibreOffice's conversion, and byte-identical rebuilds.
 * Set UPDATE_FIXTURES=1 to regenerate expected-document.json (then review the diff).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { type IntermediateDocument, runsText } from '../../src/document/types.js';
import { resolveFonts } from '../../src/fonts/resolve.js';
import { renderDocx, renderPdf, renderTemplateToDocument } from '../../src/render/index.js';
import { gridReport } from '../helpers/grid-lines.js';
import { pdfPageSizes, requireTool } from '../helpers/read-output.js';

const FIXTURE = path.resolve('test/fixtures/render/sample');
const ESCAPED_NAME = '<b>粗体</b> &amp; {{x}} 项目';

let doc: IntermediateDocument;
let pdf: Buffer;
let docx: Buffer;
let dir: string;

beforeAll(async () => {
  const context = JSON.parse(readFileSync(path.join(FIXTURE, 'context.json'), 'utf8'));
  doc = renderTemplateToDocument('sample/sample', context);
  const fonts = resolveFonts(process.cwd(), { system: false });
  pdf = await renderPdf(doc, { fonts });
  docx = await renderDocx(doc, { fonts });
  dir = mkdtempSync(path.join(os.tmpdir(), 'jixiao-render-'));
  writeFileSync(path.join(dir, 'sample.pdf'), pdf);
  writeFileSync(path.join(dir, 'sample.docx'), docx);
});

describe('intermediate document', () => {
  it('matches the fixture', () => {
    const expectedFile = path.join(FIXTURE, 'expected-document.json');
    const actual = `${JSON.stringify(doc, null, 2)}\n`;
    if (process.env['UPDATE_FIXTURES'] === '1' || !existsSync(expectedFile))
      writeFileSync(expectedFile, actual);
    expect(actual).toBe(readFileSync(expectedFile, 'utf8'));
  });
});

function pdftext(args: string[]): string {
  return execFileSync(requireTool('pdftotext'), [...args, path.join(dir, 'sample.pdf'), '-'], {
    encoding: 'utf8',
  });
}

const NARRATIVE_PAGES = () =>
  pdfPageSizes(path.join(dir, 'sample.pdf')).filter((s) => s === '595x842').length;
const NO_START = '，。、；：？！）》」』”’';
const NO_END = '（《「『“‘';

describe('PDF', () => {
  it('holds every paragraph, heading and cell text of the document', () => {
    const all = pdftext(['-raw']).replace(/\s+/g, '').replace(/—\d+—/g, '');
    for (const section of doc.sections) {
      for (const block of section.blocks) {
        const texts =
          block.kind === 'table'
            ? block.rows.flatMap((r) => r.cells.map((c) => runsText(c.runs)))
            : block.kind === 'list'
              ? block.items.map((i) => i.label + runsText(i.runs))
              : block.kind === 'heading'
                ? [block.number + runsText(block.runs)]
                : block.kind === 'paragraph'
                  ? [runsText(block.runs)]
                  : block.kind === 'attachment'
                    ? [block.label]
                    : [];
        for (const t of texts) {
          // Table cells wrap inside narrow columns, where lines interleave with their neighbours.
          const piece =
            block.kind === 'table'
              ? t.split('\n')[0]!.replace(/\s+/g, '').slice(0, 6)
              : t.replace(/\s+/g, '');
          expect(all).toContain(piece);
        }
      }
    }
    expect(all).toContain(ESCAPED_NAME.replace(/\s+/g, ''));
  });

  it('has A4 portrait, A4 landscape and A3 landscape pages', () => {
    const sizes = pdfPageSizes(path.join(dir, 'sample.pdf'));
    expect(sizes[0]).toBe('595x842');
    expect(sizes).toContain('842x595');
    expect(sizes.at(-1)).toBe('1191x842');
    expect(sizes.indexOf('842x595')).toBe(NARRATIVE_PAGES());
  });

  it('embeds subset fonts only, and stays small', () => {
    const out = execFileSync(requireTool('pdffonts'), [path.join(dir, 'sample.pdf')], { encoding: 'utf8' });
    const rows = out.split('\n').slice(2).filter(Boolean);
    expect(rows.length).toBeGreaterThan(2);
    for (const row of rows) {
      expect(row).toMatch(/^[A-Z]{6}\+\S+\s.*\syes\s+yes\s+yes\s/);
    }
    expect(pdf.length).toBeLessThan(1_000_000);
  });

  it('puts 22 lines on every inner narrative page, none starting with a closing mark or ending with an opening one', () => {
    const pages = NARRATIVE_PAGES();
    expect(pages).toBeGreaterThan(2);
    for (let p = 2; p < pages; p++) {
      const pageText = pdftext(['-layout', '-f', String(p), '-l', String(p)]);
      // <blank/> lines (before 附件：) extract as nothing; such a page is not counted line by line.
      if (pageText.includes('附件：')) continue;
      const lines = pageText.split('\n').filter((l) => l.trim() !== '' && !/^\s*—\s*\d+\s*—\s*$/.test(l));
      expect(lines.length, `page ${p}`).toBe(22);
      lines.forEach((line, i) => {
        const text = line.trim();
        expect(NO_START.includes(text[0]!), `page ${p} line ${i + 1} starts with ${text[0]}`).toBe(false);
        expect(NO_END.includes(text.at(-1)!), `page ${p} line ${i + 1} ends with ${text.at(-1)}`).toBe(false);
      });
    }
  });

  it('holds 28 cells in a full body line (26 after the indent), as the grid measure counts them', () => {
    const report = gridReport(path.join(dir, 'sample.pdf'));
    expect(report.lines.length).toBeGreaterThan(50);
    expect(report.share).toBeGreaterThanOrEqual(0.95);
    // A line short by more than a cell is one before a run of digits and Latin that cannot be broken
    // (with the opening mark it may not be parted from) and is wider than the cells left: 「“1+11+147+N”」.
    for (const line of report.farOff) expect(line.next, line.text).toMatch(/^[“‘（(]?[\x21-\x7E]{4,}/);
  });

  it('repeats a merged group label at the top of the next page', () => {
    const landscape = pdftext(['-raw']).split('\f');
    const sizes = pdfPageSizes(path.join(dir, 'sample.pdf'));
    const pagesWithGroup = landscape.filter(
      (t, i) => sizes[i] === '842x595' && /部门决策|部门管理|部门绩效/.test(t),
    );
    const groupMentions = pagesWithGroup.join('').match(/部门决策|部门管理|部门绩效/g) ?? [];
    // Three groups over more pages than groups: labels repeat.
    expect(pagesWithGroup.length).toBeGreaterThan(3);
    expect(groupMentions.length).toBeGreaterThanOrEqual(pagesWithGroup.length);
  });

  it('puts the repeated labels in the first row of each page, beside that row’s scores', () => {
    const pages = pdftext(['-layout']).split('\f');
    const tablePages = pages.filter((t) => t.includes('评价指标'));
    expect(tablePages.length).toBeGreaterThan(3);
    for (const page of tablePages) {
      // A row's labels and figures sit on its middle line, the one that ends in the 得分 figure.
      const firstRow = page.split('\n').find((l) => /\d+\.\d\d\s*$/.test(l));
      expect(firstRow, page.slice(0, 200)).toMatch(/^\s*(部门决策|部门管理|部门绩效)\s+\d+\s+\S+\s+\d+\s/);
    }
  });
});

function part(name: string): string {
  const entry = unzipSync(docx)[name];
  if (!entry) throw new Error(`missing ${name}`);
  return new TextDecoder().decode(entry);
}

describe('DOCX', () => {
  it('has the 公文 section, landscape sections and the document grid', () => {
    const xml = part('word/document.xml');
    const sects = xml.match(/<w:sectPr[\s\S]*?<\/w:sectPr>/g) ?? [];
    expect(sects).toHaveLength(3);
    expect(sects[0]).toMatch(/<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"\/>/);
    expect(sects[0]).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    // 22 lines: a line grid at 579 twips (28.95 pt) with exact line spacing; 28 characters: the body style
    // gives each 16 pt glyph −0.25 pt (15.75 pt × 28 = 441 pt ≤ the 442.2 pt type area < 29 characters).
    expect(sects[0]).toContain('<w:docGrid w:type="lines" w:linePitch="579"/>');
    const normal = /<w:style w:type="paragraph" w:styleId="Normal"[\s\S]*?<\/w:style>/.exec(
      part('word/styles.xml'),
    )?.[0];
    expect(normal).toContain('<w:spacing w:val="-5"/>');
    expect(normal).toMatch(/<w:spacing [^>]*w:line="579" w:lineRule="exact"/);
    expect(sects[1]).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
    expect(sects[2]).toMatch(/<w:pgSz w:w="23811" w:h="16838" w:orient="landscape"\/>/);
    expect(sects[1]).not.toContain('docGrid w:type="lines"');
  });

  it('uses named styles and real tables', () => {
    const styles = part('word/styles.xml');
    for (const id of ['Normal', 'Title', 'Heading1', 'Heading2', 'Heading3', 'Heading4', 'TableText']) {
      expect(styles).toContain(`w:styleId="${id}"`);
    }
    expect(styles).toContain('<w:name w:val="表格文字"/>');
    expect(styles).toMatch(/w:eastAsia="仿宋_GB2312"/);
    expect(styles).toMatch(/w:eastAsia="黑体"/);
    expect(styles).toMatch(/<w:spacing [^>]*w:line="579" w:lineRule="exact"/);
    const xml = part('word/document.xml');
    // Heading numbers are Word numbering (the list's levels: test/render/docx-word.test.ts), not typed.
    expect(xml).toMatch(
      /<w:pStyle w:val="Heading1"\/><w:numPr><w:ilvl w:val="0"\/><w:numId w:val="\d+"\/><\/w:numPr>/,
    );
    expect(xml).not.toContain('>一、');
    expect((xml.match(/<w:tblHeader\/>/g) ?? []).length).toBe(6);
    expect(xml).toContain('<w:vMerge w:val="restart"/>');
    expect(xml).toContain('<w:gridSpan w:val="6"/>');
    expect(xml).toContain('<w:cantSplit/>');
  });

  it('numbers pages with PAGE fields, odd right and even left', () => {
    const settings = part('word/settings.xml');
    expect(settings).toContain('<w:evenAndOddHeaders/>');
    const footers = Object.keys(unzipSync(docx)).filter((n) => /^word\/footer\d+\.xml$/.test(n));
    const all = footers.map(part).join('');
    expect(all).toMatch(/PAGE/);
    expect(all).toContain('<w:jc w:val="right"/>');
    expect(all).toContain('<w:jc w:val="left"/>');
    expect(all).toContain('— ');
  });

  it('keeps data text as text', () => {
    const xml = part('word/document.xml');
    expect(xml.includes('&lt;b&gt;粗体&lt;/b&gt; &amp;amp; {{x}} 项目')).toBe(true);
    expect(
      /项目<\/w:t><\/w:r><w:r>(<w:rPr>(?:(?!<\/w:r>).)*<\/w:rPr>)?<w:br\/><\/w:r><w:r>(?:(?!<\/w:r>).)*第二行/.test(
        xml,
      ),
    ).toBe(true);
  });

  it('carries the content date, not the clock', () => {
    expect(part('docProps/core.xml')).toContain('2022-01-14T00:00:00Z');
  });
});

describe('reproducible bytes', () => {
  it('builds byte-identical DOCX and PDF twice in a row', async () => {
    const fonts = resolveFonts(process.cwd(), { system: false });
    expect(Buffer.compare(await renderPdf(doc, { fonts }), pdf)).toBe(0);
    expect(Buffer.compare(await renderDocx(doc, { fonts }), docx)).toBe(0);
  });
});

describe('LibreOffice', () => {
  it('converts the DOCX without error, with the same page sizes in order', () => {
    const soffice = requireTool('soffice');
    const out = path.join(dir, 'lo');
    execFileSync(
      soffice,
      ['--headless', '--convert-to', 'pdf', '--outdir', out, path.join(dir, 'sample.docx')],
      {
        stdio: 'pipe',
        timeout: 120_000,
        env: { ...process.env, HOME: dir },
      },
    );
    const sizes = pdfPageSizes(path.join(out, 'sample.pdf'));
    expect(sizes[0]).toMatch(/^595x842$/);
    expect(sizes).toContain('842x595');
    expect(sizes.at(-1)).toBe('1191x842');
    const text = execFileSync(requireTool('pdftotext'), [path.join(out, 'sample.pdf'), '-'], {
      encoding: 'utf8',
    });
    expect(text.replace(/\s+/g, '')).toContain('部门整体支出绩效评价共性指标体系框架');
  });

  it('gives the narrative the same page count as our PDF', () => {
    // The LibreOffice PDF was made by the test above; count the portrait (narrative) pages of both.
    const ours = pdfPageSizes(path.join(dir, 'sample.pdf')).filter((s) => s === '595x842').length;
    const theirs = pdfPageSizes(path.join(dir, 'lo', 'sample.pdf')).filter((s) => s === '595x842').length;
    expect(ours).toBeGreaterThan(2);
    expect(theirs).toBe(ours);
  });
});
