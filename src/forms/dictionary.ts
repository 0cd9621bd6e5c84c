/**
 * The data dictionary of the forms' view model: every name a form's template may use, with its Chinese
 * name, what kind of value it is, and how it is read from the computed model. The model builder
 * (model.ts) walks these descriptors, and docs/data-dictionary.md is generated from them, so the
 * documentation cannot drift from what templates actually receive.
 *
 * Values are strings (money and rates as exact decimals, for the `money` / `percent` helpers), booleans,
 * lists and objects; a figure the content does not have is "" (printed blank), never 0.
 */

/** How a value prints: the helper a template formats it with. */
export type ValueKind =
  | 'text'
  | 'money' // exact decimal string, 万元: {{money x 2}}
  | 'rate' // exact ratio string ("0.9999"): {{percent x 1}}
  | 'score' // as printed ("98.96")
  | 'count'
  | 'flag'
  | 'date'
  | 'texts'; // a list of strings

export interface ValueField {
  kind: ValueKind;
  title: string;
  note?: string;
  get(source: never, ctx: never): unknown;
}

export interface ObjectField {
  kind: 'object';
  title: string;
  note?: string;
  /** The object's source; undefined or null: the object is null (a form tests it with {{#if}}). */
  get(source: never, ctx: never): unknown;
  fields: Record<string, Field>;
}

export interface ListField {
  kind: 'list';
  title: string;
  note?: string;
  get(source: never, ctx: never): readonly unknown[];
  item: Record<string, Field>;
}

export type Field = ValueField | ObjectField | ListField;

/** Typed descriptor constructors: the getter sees its parent's source type `S` and the build context `C`. */
export const value = <S, C>(
  kind: ValueKind,
  title: string,
  get: (source: S, ctx: C) => unknown,
  note?: string,
): ValueField => ({ kind, title, get: get as ValueField['get'], ...(note ? { note } : {}) });

export const object = <S, C, T>(
  title: string,
  get: (source: S, ctx: C) => T | undefined | null,
  fields: Record<string, Field>,
  note?: string,
): ObjectField => ({
  kind: 'object',
  title,
  get: get as ObjectField['get'],
  fields,
  ...(note ? { note } : {}),
});

export const list = <S, C, T>(
  title: string,
  get: (source: S, ctx: C) => readonly T[],
  item: Record<string, Field>,
  note?: string,
): ListField => ({ kind: 'list', title, get: get as ListField['get'], item, ...(note ? { note } : {}) });

/** Builds plain template data from a source through descriptors. */
export function build(fields: Record<string, Field>, source: unknown, ctx: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(fields)) {
    const get = field.get as (s: unknown, c: unknown) => unknown;
    if (field.kind === 'object') {
      const inner = get(source, ctx);
      out[key] = inner === undefined || inner === null ? null : build(field.fields, inner, ctx);
    } else if (field.kind === 'list') {
      out[key] = (get(source, ctx) as readonly unknown[]).map((item) => build(field.item, item, ctx));
    } else {
      const v = get(source, ctx);
      out[key] =
        v === undefined || v === null
          ? field.kind === 'flag'
            ? false
            : field.kind === 'texts'
              ? []
              : ''
          : v;
    }
  }
  return out;
}

const KIND_WORDS: Record<ValueKind | 'object' | 'list', string> = {
  text: '文字',
  money: '金额（万元，精确值；用 money 格式化）',
  rate: '比率（精确值，如 0.9999；用 percent 格式化）',
  score: '分数（按打印位数）',
  count: '个数',
  flag: '是/否',
  date: '日期（如 2024-12-31；用 date 格式化）',
  texts: '文字列表',
  object: '一组数据（没有时为空，用 {{#if}} 判断）',
  list: '列表（用 {{#each}} 逐项）',
};

/** docs/data-dictionary.md, in Chinese: one table per object or list, in model order. */
export function dictionaryMarkdown(root: Record<string, Field>, intro: string): string {
  const lines = [intro.trimEnd(), ''];
  const sections: Array<{ path: string; title: string; fields: Record<string, Field> }> = [
    { path: '', title: '文书数据（顶层）', fields: root },
  ];
  for (let i = 0; i < sections.length; i++) {
    const s = sections[i]!;
    lines.push(
      `## ${s.title}${s.path ? `：\`${s.path}\`` : ''}`,
      '',
      '| 名称 | 中文名 | 类型 | 说明 |',
      '|---|---|---|---|',
    );
    for (const [key, f] of Object.entries(s.fields)) {
      const path = s.path ? `${s.path}.${key}` : key;
      lines.push(
        `| \`${key}\` | ${f.title} | ${KIND_WORDS[f.kind]} | ${(f.note ?? '').replace(/\|/g, '\\|')} |`,
      );
      if (f.kind === 'object') sections.push({ path, title: f.title, fields: f.fields });
      if (f.kind === 'list')
        sections.push({ path: `${path}[]`, title: `${f.title}（每项）`, fields: f.item });
    }
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** Every dotted path the dictionary declares (lists as `name[]`). */
export function dictionaryPaths(fields: Record<string, Field>, prefix = ''): string[] {
  return Object.entries(fields).flatMap(([key, f]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    if (f.kind === 'object') return [path, ...dictionaryPaths(f.fields, path)];
    if (f.kind === 'list') return [path, ...dictionaryPaths(f.item, `${path}[]`)];
    return [path];
  });
}
