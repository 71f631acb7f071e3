import fs from "node:fs";
import path from "node:path";

/** Expands the command line's files and directories into files, directories recursively, sorted. */
export async function expandPaths(inputs: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const input of inputs) {
    const stat = await fs.promises.stat(input).catch(() => undefined);
    if (!stat) {
      out.push(input);
      continue;
    }
    if (stat.isDirectory()) {
      const entries = await fs.promises.readdir(input, { recursive: true, withFileTypes: true });
      const files = entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
      out.push(...files.sort());
    } else {
      out.push(input);
    }
  }
  return out;
}
