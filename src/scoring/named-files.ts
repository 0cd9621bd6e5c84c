import { readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * The data files a run may use by name (`frameworks/<id>.yaml`, `rules/<id>.yaml`): the project folder's
 * own first, then the package's for names the project does not define. A project's file shadows the
 * package's of the same name even when it does not load, so a mistake in it is reported and never
 * silently replaced by jixiao's own version.
 */
export function namedDataFiles(projectDir: string, folder: string, packageDir: string): Map<string, string> {
  const out = new Map<string, string>();
  const dirs = [path.resolve(projectDir, folder)];
  if (path.resolve(packageDir) !== dirs[0]) dirs.push(path.resolve(packageDir));
  for (const dir of dirs) {
    let names: string[];
    try {
      names = readdirSync(dir)
        .filter((n) => /\.ya?ml$/.test(n))
        .sort();
    } catch {
      continue;
    }
    for (const name of names) {
      const id = name.replace(/\.ya?ml$/, '');
      if (!out.has(id)) out.set(id, path.join(dir, name));
    }
  }
  return out;
}
