import path from 'node:path';
import { contentScope } from './content-tree.js';

/**
 * The project folder: the one holding the content folder, with the project's own `templates/`,
 * `frameworks/`, `rules/` and `fonts/` beside it (the layout `jixiao init` and the example use). It is found
 * from the content folder given — a year's or a unit's folder counts as its content root — never from
 * where the command runs, so `jixiao check ../other-project/content` scores that project under its own
 * rule sets.
 */
export function projectFolder(contentDir: string, cwd: string): string {
  return path.dirname(contentScope(path.resolve(cwd, contentDir)).root);
}
