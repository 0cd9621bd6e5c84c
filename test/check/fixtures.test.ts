import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkContent } from '../../src/pipeline/check-content.js';
import { planDocuments } from '../../src/pipeline/plan-documents.js';

/**
 * Fixture folders: test/fixtures/check/<case>/input/ is a content root, expected.json the findings it must
 * produce (severity, code, file:line:col relative to the case, and a fragment of the message). Run with
 * UPDATE_FIXTURES=1 to write what the code produces now; review that diff like code.
 */
const ROOT = path.resolve(import.meta.dirname, '../fixtures/check');
const cases = readdirSync(ROOT)
  .filter((d) => !d.startsWith('.'))
  .sort();

interface ExpectedFinding {
  severity: 'error' | 'warning';
  code: string;
  at: string;
  /** Words the Chinese message must contain (field names, both figures of a failed check). */
  says: string[];
}

describe('content findings fixtures', () => {
  for (const name of cases) {
    it(name, async () => {
      const dir = path.join(ROOT, name);
      const checked = await checkContent(path.join(dir, 'input'));
      // As `jixiao check` does: the views run too (for every unit that validated, whatever else has
      // errors), so narrative problems are findings.
      planDocuments(checked);
      const actual = checked.findings.sorted().map((f) => ({
        severity: f.severity,
        code: f.code,
        at: f.at
          ? `${path.relative(dir, path.resolve(f.at.file)).split(path.sep).join('/')}:${f.at.line}:${f.at.col}`
          : '',
        message: f.message,
      }));
      const expectedFile = path.join(dir, 'expected.json');
      if (process.env['UPDATE_FIXTURES']) {
        const previous = JSON.parse(readFileSync(expectedFile, 'utf8')) as ExpectedFinding[];
        const next = actual.map((a, i) => ({
          severity: a.severity,
          code: a.code,
          at: a.at,
          says: previous[i]?.says ?? [],
        }));
        writeFileSync(expectedFile, `${JSON.stringify(next, null, 2)}\n`);
        return;
      }
      const expected = JSON.parse(readFileSync(expectedFile, 'utf8')) as ExpectedFinding[];
      expect(actual.map(({ severity, code, at }) => ({ severity, code, at }))).toEqual(
        expected.map(({ severity, code, at }) => ({ severity, code, at })),
      );
      expected.forEach((e, i) => {
        for (const word of e.says) expect(actual[i]!.message).toContain(word);
      });
    });
  }
});
