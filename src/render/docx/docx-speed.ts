/**
 * Two speed patches to docx's XML preparation, which a table-heavy DOCX spends most of its time in (the
 * 项目支出绩效自评表 has some 1700 cells, each a dozen components). They return the same objects as docx's
 * own methods, so the XML is the same byte for byte (test/render/docx-speed.test.ts builds the example
 * year both ways). Written against docx 9.15.2, which package.json pins; on any other version, or with
 * JIXIAO_DOCX_PATCHES=0, docx's own code runs.
 *
 * - NextAttributeComponent (tcW, gridSpan, jc … attributes) built its attribute object by spreading it
 *   once per attribute; here each attribute is set once.
 * - XmlComponent.prepForXml went through flatMap, filter and a closure per child; here one loop.
 */
import { EMPTY_OBJECT, isXmlComponent, NextAttributeComponent, XmlComponent } from 'docx';
import { installedVersion } from '../engine-versions.js';

const WRITTEN_AGAINST = '9.15.2';

type Prepared = unknown;
interface Context {
  stack: unknown[];
}
interface Component {
  prepForXml(context: Context): Prepared;
  readonly writtenAs?: Component[];
}
interface XmlComponentShape extends Component {
  rootKey: string;
  root: unknown[];
}

/** docx's own methods, kept so that a test can compare the two. */
export const stockDocxMethods = {
  attributes: NextAttributeComponent.prototype.prepForXml,
  component: XmlComponent.prototype.prepForXml,
};

let applied: boolean | undefined;

/** Installs the patches once a process; whether they are on. */
export function patchDocxSpeed(env: NodeJS.ProcessEnv = process.env): boolean {
  if (applied !== undefined) return applied;
  applied = installedVersion('docx', env) === WRITTEN_AGAINST && env['JIXIAO_DOCX_PATCHES'] !== '0';
  if (!applied) return false;

  (NextAttributeComponent.prototype as unknown as { prepForXml: unknown }).prepForXml = function (this: {
    root: Record<string, { key: string; value: unknown }>;
  }) {
    const attrs: Record<string, unknown> = {};
    for (const name in this.root) {
      const { key, value } = this.root[name]!;
      if (value !== undefined) attrs[key] = value;
    }
    return { _attr: attrs };
  };

  // As docx's flatMap and filter: a component written as several parts gives one child per part, a
  // child that prepares to (or is) an array gives its items, undefined is left out; a single attribute
  // child stands for the element's whole content.
  (XmlComponent.prototype as unknown as { prepForXml: unknown }).prepForXml = function (
    this: XmlComponentShape,
    context: Context,
  ) {
    context.stack.push(this);
    const children: unknown[] = [];
    const add = (item: unknown) => {
      if (Array.isArray(item)) {
        for (const each of item) if (each !== undefined) children.push(each);
      } else if (item !== undefined) children.push(item);
    };
    for (const comp of this.root) {
      if (!isXmlComponent(comp)) add(comp);
      else {
        const parts = (comp as Component).writtenAs;
        if (!parts) add((comp as Component).prepForXml(context));
        else
          for (const part of parts) {
            const prepared = part.prepForXml(context);
            if (prepared !== undefined) children.push(prepared);
          }
      }
    }
    context.stack.pop();
    const first = children[0] as { _attr?: unknown } | null | undefined;
    return {
      [this.rootKey]: children.length
        ? children.length === 1 && first !== null && first !== undefined && first._attr
          ? first
          : children
        : EMPTY_OBJECT,
    };
  };
  return true;
}
