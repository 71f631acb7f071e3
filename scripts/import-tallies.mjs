#!/usr/bin/env node
// Counts how the production code under src/ depends on itself, by folder:
//   - imports running back up the layers: a domain (any top-level folder of src/ but app/, cli/,
//     platform/, shared/) importing src/app/** (the composition: the HTTP app, start-up) or src/cli/**,
//     and src/platform/** (HTTP and infrastructure foundations) importing a domain, app/ or cli/;
//   - two-way ties: pairs of top-level folders that import each other;
//   - web → server: imports in src/web/** of anything outside src/web/ and src/shared/, split into
//     type-only imports of a module's schema.ts (allowed) and the rest (internals).
// Tests (*.test.ts, *.testing.ts) are left out. `node scripts/import-tallies.mjs --list` names each import.
import { readFileSync, readdirSync, statSync, existsSync } from "node:fs";
import { join, dirname, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const src = join(root, "src");
const list = process.argv.includes("--list");

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (/\.(ts|tsx)$/.test(name) && !/\.(test|testing)\.tsx?$/.test(name) && !name.endsWith(".d.ts")) out.push(path);
  }
  return out;
}

const IMPORT = /(?:^|[\s;])(import|export)\s+(type\s+)?(?:[\w*${}\s,]+?\s+from\s+)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

function resolveImport(from, spec) {
  if (!spec.startsWith(".")) return undefined;
  const base = resolve(dirname(from), spec.replace(/\.js$/, ""));
  for (const candidate of [base + ".ts", base + ".tsx", join(base, "index.ts"), base]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

/** The top-level folder of src/ a file belongs to ("app" for src/app/start.ts). */
const folderOf = (file) => relative(src, file).split(sep)[0];

const files = walk(src);
const edges = [];
for (const file of files) {
  const text = readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, "");
  for (const match of text.matchAll(IMPORT)) {
    const spec = match[3] ?? match[4];
    const target = resolveImport(file, spec);
    if (!target || !target.startsWith(src + sep)) continue;
    edges.push({ from: file, to: target, typeOnly: Boolean(match[2]) });
  }
}

const rel = (f) => relative(root, f);
const upper = new Set(["app", "cli"]);
const lower = new Set(["platform", "shared"]);
const isDomain = (folder) => !upper.has(folder) && !lower.has(folder) && folder !== "web";
const domainUp = edges.filter((e) => isDomain(folderOf(e.from)) && upper.has(folderOf(e.to)));
const platformUp = edges.filter((e) => folderOf(e.from) === "platform" && !lower.has(folderOf(e.to)));
const backUp = [...domainUp, ...platformUp];

const folderPairs = new Map();
for (const e of edges) {
  const a = folderOf(e.from);
  const b = folderOf(e.to);
  if (a === b) continue;
  folderPairs.set(`${a}→${b}`, (folderPairs.get(`${a}→${b}`) ?? 0) + 1);
}
const ties = [];
for (const key of folderPairs.keys()) {
  const [a, b] = key.split("→");
  if (a < b && folderPairs.has(`${b}→${a}`)) ties.push(`${a} ↔ ${b}`);
}

const fromWeb = edges.filter((e) => folderOf(e.from) === "web" && !["web", "shared"].includes(folderOf(e.to)));
const schemaTypes = fromWeb.filter((e) => e.typeOnly && /(^|\/)schema\.ts$/.test(e.to));
const internals = fromWeb.filter((e) => !schemaTypes.includes(e));

console.log(`files ${files.length}, imports within src ${edges.length}`);
console.log(
  `back up the layers: ${backUp.length} (domain → app/ or cli/: ${domainUp.length}; platform/ → domain, app/ or cli/: ${platformUp.length})`,
);
if (list) for (const e of backUp) console.log(`  ${rel(e.from)} → ${rel(e.to)}`);
console.log(`two-way ties between top-level folders: ${ties.length}${ties.length ? ` (${ties.join(", ")})` : ""}`);
console.log(
  `web → outside web/shared: ${fromWeb.length} imports of ${new Set(fromWeb.map((e) => e.to)).size} files; ` +
    `schema.ts types ${schemaTypes.length}; internals ${internals.length} imports of ${new Set(internals.map((e) => e.to)).size} files`,
);
if (list) for (const e of internals) console.log(`  ${rel(e.from)} → ${rel(e.to)}${e.typeOnly ? " (type)" : ""}`);
