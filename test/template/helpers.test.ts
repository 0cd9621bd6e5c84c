import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chineseNumeral, HeadingCounter } from '../../src/document/numbering.js';
import { compileTemplate, renderDocument, TemplateError } from '../../src/template/compile.js';

function template(src: string) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'jixiao-tpl-'));
  const file = path.join(dir, 't.hbs');
  writeFileSync(file, src);
  return compileTemplate(file);
}

function text(src: string, context: unknown): string {
  const doc = renderDocument(
    template(`<document title="t"><section><p>${src}</p></section></document>`),
    context,
  );
  const block = doc.sections[0]!.blocks[0]!;
  if (block.kind !== 'paragraph') throw new Error('not a paragraph');
  return block.runs.map((r) => ('break' in r ? '\n' : r.text)).join('');
}

function errorOf(fn: () => unknown): TemplateError {
  try {
    fn();
  } catch (err) {
    if (err instanceof TemplateError) return err;
    throw err;
  }
  throw new Error('expected a TemplateError');
}

describe('helpers', () => {
  it('rounds money half-up from decimal strings', () => {
    expect(
      text('{{money a}}|{{money b}}|{{money c 3}}|{{money d}}|{{money e}}', {
        a: '86.275',
        b: '152.625',
        c: '0.0005',
        d: '-',
        e: 21044,
      }),
    ).toBe('86.28|152.63|0.001|-|21044.00');
  });

  it('refuses float money and names the position', () => {
    const err = errorOf(() => text('x {{money a}}', { a: 86.275 }));
    expect(err.finding.message).toContain('浮点数');
    expect(err.finding.at).toMatchObject({ line: 1, col: 35 });
  });

  it('formats percentages, dates and ordinals', () => {
    expect(
      text('{{percent a}} {{percent b 2}} {{date d}} {{ordinal 3}} {{ordinal 12 "shi"}} {{cnum 105}}', {
        a: '0.99989',
        b: '0.997357',
        d: '2022-01-14',
      }),
    ).toBe('100.0% 99.74% 2022 年 1 月 14 日 第三 十二是 一百零五');
  });

  it('checks helper arguments', () => {
    expect(errorOf(() => text('{{date d}}', { d: '2022-02-30' })).finding.message).toContain('不存在');
    expect(errorOf(() => text('{{percent a 9}}', { a: '1' })).finding.message).toContain('小数位数');
    expect(errorOf(() => text('{{money}}', {})).finding.message).toContain('参数');
  });
});

describe('template errors', () => {
  it('names the file, line and column of a missing field', () => {
    const err = errorOf(() => text('\n{{nope}}', {}));
    expect(err.finding.code).toBe('template-missing-field');
    expect(err.finding.at?.file).toMatch(/t\.hbs$/);
    expect(err.finding.at?.line).toBe(2);
  });

  it('refuses unknown helpers and triple-stash at compile time', () => {
    expect(errorOf(() => template('{{shout x}}')).finding.code).toBe('template-unknown-helper');
    const raw = errorOf(() => template('a\n  {{{x}}}'));
    expect(raw.finding.code).toBe('template-unescaped');
    expect(raw.finding.at).toMatchObject({ line: 2, col: 3 });
  });

  it('reports broken markup against the template file', () => {
    const err = errorOf(() =>
      renderDocument(template('<document title="t"><section><p>x</section></document>'), {}),
    );
    expect(err.finding.code).toBe('template-markup');
    expect(err.finding.message).toContain('不匹配');
  });
});

describe('escaping', () => {
  it('keeps <, &, {{ and newlines from the data as text', () => {
    const name = '<b>粗</b> &amp; {{x}}\n第二行';
    const doc = renderDocument(
      template(
        '<document title="{{name}}"><section><p>{{name}}</p><table><tr><td>{{name}}</td></tr></table></section></document>',
      ),
      { name },
    );
    expect(doc.meta.title).toBe(name);
    const p = doc.sections[0]!.blocks[0]!;
    expect(p).toEqual({
      kind: 'paragraph',
      style: 'body',
      runs: [{ text: '<b>粗</b> &amp; {{x}}' }, { break: true }, { text: '第二行' }],
    });
  });

  it('prints a private-use character (造字, U+E000) as itself, not as a line break', () => {
    const name = '张\uE000\uE001明\n第二行';
    const doc = renderDocument(
      template('<document title="{{name}}"><section><p>{{name}}</p></section></document>'),
      { name },
    );
    expect(doc.meta.title).toBe(name);
    expect(doc.sections[0]!.blocks[0]).toEqual({
      kind: 'paragraph',
      style: 'body',
      runs: [{ text: '张\uE000\uE001明' }, { break: true }, { text: '第二行' }],
    });
  });

  it('drops template newlines and indentation but keeps spaces inside a line', () => {
    expect(text('2021 年\n      预算', {})).toBe('2021 年预算');
  });
});

describe('numbering', () => {
  it('writes Chinese numerals', () => {
    expect([1, 10, 11, 20, 21, 100, 105, 2021].map(chineseNumeral)).toEqual([
      '一',
      '十',
      '十一',
      '二十',
      '二十一',
      '一百',
      '一百零五',
      '二千零二十一',
    ]);
  });

  it('numbers headings by structure and resets lower levels', () => {
    const c = new HeadingCounter();
    expect([
      c.next(1),
      c.next(2),
      c.next(3),
      c.next(4),
      c.next(3),
      c.next(2),
      c.next(3),
      c.next(1),
      c.next(2),
    ]).toEqual(['一、', '（一）', '1.', '（1）', '2.', '（二）', '1.', '二、', '（一）']);
  });
});
