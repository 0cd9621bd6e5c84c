// Temporary helper for transcribers until `jixiao check` lands: validates unit folders against the zod model.
import { readFileSync } from 'node:fs';
import { isScalar, parseDocument, visit } from 'yaml';
import { UnitContent } from '../src/model/content.js';

const merged: Record<string, unknown> = {};
for (const file of process.argv.slice(2)) {
  const doc = parseDocument(readFileSync(file, 'utf8'), { uniqueKeys: true });
  for (const e of doc.errors) console.log(`${file}: YAML ${e.message}`);
  visit(doc, {
    Scalar(_k, node) {
      if (isScalar(node) && typeof node.value === 'number') node.value = String(node.source ?? node.value);
    },
  });
  Object.assign(merged, doc.toJS());
}
const r = UnitContent.safeParse(merged);
if (r.success) console.log('OK');
else for (const i of r.error.issues) console.log(i.path.join('.'), i.message);
