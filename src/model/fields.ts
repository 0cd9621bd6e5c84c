import { z } from 'zod';

/**
 * Field types shared by every part of the content model. The loader hands zod plain data in which
 * every YAML number has become its source text, so money stays exact (`12.3400` is not a float).
 * Every field carries its official Chinese name as `title`; findings and the JSON Schema use it.
 */

/** Attaches the official Chinese name (and an optional explanation) to a schema. */
export function named<T extends z.ZodType>(schema: T, title: string, description?: string): T {
  return schema.meta(description ? { title, description } : { title }) as T;
}

const DECIMAL = /^\d+(\.\d+)?$/;

/**
 * A figure typed as it looks on paper — full-width digits (８６．２７５), a thousands separator (12,322.31),
 * the unit (102万), a rate without its % (91.6) — said with the fix: "…不写“万”（…），应写作 102".
 * Undefined when the text is not such a figure.
 */
export function figureHint(title: string, input: unknown, kind: 'money' | 'percent'): string | undefined {
  if (typeof input !== 'string') return undefined;
  const fixes: string[] = [];
  let t = input.trim();
  const halfWidth = t.replace(/[０-９．％]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  if (halfWidth !== t) fixes.push('请用半角数字和符号');
  t = halfWidth;
  const inWan = kind === 'money' && /\d\s*万元?$/.test(t);
  if (inWan) t = t.replace(/\s*万元?$/, '');
  if (/^\d{1,3}([,，]\d{3})+(\.\d+)?%?$/.test(t)) {
    fixes.push('不写千位分隔符');
    t = t.replace(/[,，]/g, '');
  }
  if (inWan) fixes.push('不写“万”（金额都以万元为单位）');
  if (kind === 'percent' && DECIMAL.test(t)) {
    fixes.push('要带百分号“%”');
    t = `${t}%`;
  }
  const fixed = kind === 'money' ? DECIMAL.test(t) : PERCENT.test(t);
  return fixes.length > 0 && fixed ? `${title}${fixes.join('，')}，应写作 ${t}` : undefined;
}

/** An amount in 万元, written as a number (up to 4 decimals is usual): `86.275`, `6057.09`, `0`. */
export function money(title: string, description?: string) {
  return named(
    z
      .string({ error: (iss) => (iss.input === undefined ? `缺少${title}` : `${title}应为金额（数字）`) })
      .regex(DECIMAL, {
        error: (iss) =>
          figureHint(title, iss.input, 'money') ?? `${title}应为金额（不带单位的非负数字，如 86.275）`,
      }),
    title,
    description ?? `${title}（万元）`,
  );
}

/** Spending where `-` means "none" and is printed as `-`, distinct from `0`. */
export function moneyOrDash(title: string) {
  return named(
    z.string({ error: `${title}应为金额（数字）或“-”` }).regex(/^(-|\d+(\.\d+)?)$/, {
      error: (iss) => figureHint(title, iss.input, 'money') ?? `${title}应为金额（数字）或“-”（表示无）`,
    }),
    title,
    `${title}（万元；无则填“-”）`,
  );
}

const PERCENT = /^\d+(\.\d+)?%$/;

/** A percentage written as `98.3%` (or `98.3％`); kept as text and computed exactly. */
export function percent(title: string) {
  return named(
    z
      .string({ error: `${title}应为百分比（如 98.3%）` })
      .transform((s) => s.replace(/％/g, '%').trim())
      .pipe(
        z.string().regex(PERCENT, {
          error: (iss) => figureHint(title, iss.input, 'percent') ?? `${title}应为百分比（如 98.3%）`,
        }),
      ),
    title,
    `${title}（百分比，如 98.3%）`,
  );
}

/** A percentage from 0% to 100% (得分系数): written `95%`, kept as text. */
export function percentUpTo100(title: string) {
  const base = percent(title);
  return named(
    base.refine((s) => /^(100(\.0+)?|\d{1,2}(\.\d+)?)%$/.test(s), { error: `${title}应在 0% 到 100% 之间` }),
    title,
    `${title}（0%–100%，如 95%）`,
  );
}

/** Yes or no: `true` / `false`, or 是 / 否 as a clerk writes it. */
export function yesNo(title: string, description?: string) {
  return named(
    z
      .union([z.boolean(), z.enum(['是', '否'])], { error: `${title}应填写 是 或 否（也可写 true / false）` })
      .transform((v) => v === true || v === '是'),
    title,
    description ?? `${title}（是 / 否）`,
  );
}

/** A count of people or things: a whole number. */
export function count(title: string) {
  return named(
    z
      .string({ error: `${title}应为整数` })
      .regex(/^\d+$/, { error: `${title}应为不带小数的整数` })
      .transform((s) => Number.parseInt(s, 10)),
    title,
    `${title}（整数）`,
  );
}

/** Free text; a number written in YAML is taken as its text (`100` stays "100"). */
export function text(title: string, description?: string) {
  return named(
    z
      .string({ error: `${title}应为文字` })
      .trim()
      .min(1, { error: `${title}不能为空` }),
    title,
    description,
  );
}

/** A list of paragraphs or numbered items. */
export function textList(title: string, description?: string) {
  return named(z.array(text(`${title}的条目`)).min(1, { error: `${title}至少要有一条` }), title, description);
}

/** A date written `2022-01-14` (YAML) or `2022 年 1 月 14 日`; normalised to ISO. */
export function date(title: string) {
  return named(
    z.string({ error: `${title}应为日期（如 2022-01-14）` }).transform((s, ctx) => {
      const iso = normaliseDate(s);
      if (!iso) {
        ctx.addIssue({ code: 'custom', message: `${title}应为日期（如 2022-01-14 或 2022 年 1 月 14 日）` });
        return z.NEVER;
      }
      return iso;
    }),
    title,
    `${title}（如 2022-01-14）`,
  );
}

function normaliseDate(s: string): string | undefined {
  const t = s.trim();
  const m = /^(\d{4})\s*(?:-|年)\s*(\d{1,2})\s*(?:-|月)\s*(\d{1,2})\s*日?$/.exec(t);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d)
    return undefined;
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** A year such as 2021, also used as a map key for the two prior years. */
export const YEAR = /^(19|20)\d{2}$/;
