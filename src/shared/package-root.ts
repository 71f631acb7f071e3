import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

let cached: string | undefined;

/**
 * The folder holding Palpable's package.json. Found by walking up from this module's own file,
 * because that file is `src/shared/package-root.ts` when the code runs from source (tsx, vitest)
 * and a chunk under `dist/server/` when it runs from the bundle: a fixed `../..` would be right
 * for one and wrong for the other. Files the code reads at run time (the built web app, the
 * version in package.json, worker entries) are found from here.
 */
export function packageRoot(): string {
  cached ??= findPackageRoot(path.dirname(fileURLToPath(import.meta.url)));
  return cached;
}

export function findPackageRoot(start: string): string {
  for (let dir = start; ;) {
    if (fs.existsSync(path.join(dir, "package.json"))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${start}`);
    dir = parent;
  }
}
