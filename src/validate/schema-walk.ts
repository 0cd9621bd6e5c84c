import { type core, z } from 'zod';

type AnySchema = core.$ZodType;

function def(schema: AnySchema): { type: string } & Record<string, unknown> {
  return (schema as unknown as { _zod: { def: { type: string } & Record<string, unknown> } })._zod.def;
}

/** The Chinese title attached with `named()`, looking through optional/default/pipe wrappers. */
export function titleOf(schema: AnySchema | undefined): string | undefined {
  let s = schema;
  for (let i = 0; s && i < 8; i++) {
    const meta = z.globalRegistry.get(s as z.ZodType) as { title?: string } | undefined;
    if (meta?.title) return meta.title;
    s = inner(s);
  }
  return undefined;
}

function inner(schema: AnySchema): AnySchema | undefined {
  const d = def(schema);
  switch (d.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      return d['innerType'] as AnySchema;
    case 'pipe':
      return d['in'] as AnySchema;
    default:
      return undefined;
  }
}

function unwrap(schema: AnySchema): AnySchema {
  let s = schema;
  for (let next = inner(s); next; next = inner(s)) s = next;
  return s;
}

/** The schema at a data path, or undefined where the path leaves the schema. */
export function schemaAt(root: AnySchema, path: readonly PropertyKey[]): AnySchema | undefined {
  let s: AnySchema | undefined = root;
  for (const seg of path) {
    if (!s) return undefined;
    const d = def(unwrap(s));
    if (d.type === 'object') s = (d['shape'] as Record<string, AnySchema>)[String(seg)];
    else if (d.type === 'array') s = d['element'] as AnySchema;
    else if (d.type === 'record') s = d['valueType'] as AnySchema;
    else return undefined;
  }
  return s;
}

/** The keys an object schema accepts, with their Chinese titles, for "did you mean". */
export function knownKeys(schema: AnySchema | undefined): Array<{ key: string; title?: string }> {
  if (!schema) return [];
  const d = def(unwrap(schema));
  if (d.type !== 'object') return [];
  return Object.entries(d['shape'] as Record<string, AnySchema>).map(([key, s]) => {
    const title = titleOf(s);
    return title ? { key, title } : { key };
  });
}

/** The nearest titled schema along a path, for naming the place of an unknown key ("在项目中"). */
export function nearestTitle(root: AnySchema, path: readonly PropertyKey[]): string | undefined {
  for (let n = path.length; n >= 0; n--) {
    const t = titleOf(schemaAt(root, path.slice(0, n)));
    if (t) return t;
  }
  return undefined;
}
