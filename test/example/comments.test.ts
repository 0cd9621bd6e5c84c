import { readFileSync } from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import { describe, expect, it } from 'vitest';

/**
 * Clerks start a year by copying the example files, comments and all: the comments say in Chinese what
 * each part is and how to fill it. A line of four or more English words in a row is a note left in English.
 */
const CONTENT = path.resolve(import.meta.dirname, '../../content');
const ENGLISH_PROSE = /[A-Za-z]{4,}( [A-Za-z]{2,}){3,}/;

describe('the example files’ comments', () => {
  it('are written in Chinese', () => {
    const files = fg.sync('**/*.yaml', { cwd: CONTENT }).sort();
    expect(files.length).toBeGreaterThan(10);
    const english = files.flatMap((file) =>
      readFileSync(path.join(CONTENT, file), 'utf8')
        .split('\n')
        .map((line, i) => ({ at: `${file}:${i + 1}`, line }))
        .filter(({ line }) => /^\s*#/.test(line) && !line.includes('yaml-language-server'))
        .filter(({ line }) => ENGLISH_PROSE.test(line)),
    );
    expect(english).toEqual([]);
  });
});
