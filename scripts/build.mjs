#!/usr/bin/env node
/**
 * The production build (`npm run build`; `npm install` runs it once through `prepare`):
 *   dist/server/palpable.mjs            the CLI and server, our code bundled by esbuild
 *   dist/server/chunks/*.mjs            code each command imports when it runs
 *   dist/server/workers/<path>.mjs      one entry per src/<path>.worker.ts (worker threads)
 *   dist/web/                           the web app, built by Vite
 * Packages from node_modules stay outside the bundle (see docs/DECISIONS.md, "A production
 * build"): the build fails when the bundle imports one that is not in "dependencies", since a
 * checkout pruned of development dependencies would then fail at run time.
 *
 *   node scripts/build.mjs [--server | --web] [--prepare]
 * --prepare: as the `prepare` script. Without development dependencies (`npm ci --omit=dev`) it
 * keeps an existing build instead of failing, and says what to do when there is none.
 */
import fs from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { URL, fileURLToPath, pathToFileURL } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SERVER_OUT = path.join(ROOT, "dist", "server");
const CLI_ENTRY = "src/cli/main.ts";
/** Bytes of our code the CLI may load before it knows the command (main.ts and what it needs). */
const CLI_ENTRY_BUDGET_BYTES = 16_000;

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main(new Set(process.argv.slice(2)));

async function main(args) {
  if (args.has("--prepare")) {
    const cannot = !fs.existsSync(path.join(ROOT, "src"))
      ? "there is no src/ to build"
      : !buildToolsInstalled()
        ? "development dependencies are not installed"
        : undefined;
    if (cannot) {
      const built = fs.existsSync(path.join(SERVER_OUT, "palpable.mjs")) && fs.existsSync(path.join(ROOT, "dist", "web", "index.html"));
      if (built) {
        console.log(`palpable: ${cannot}; keeping the existing build in dist/.`);
        return;
      }
      console.error(`palpable: ${cannot}, and dist/ holds no build. Build first: npm ci && npm run build && npm prune --omit=dev`);
      process.exit(1);
    }
  }
  if (!args.has("--web")) await buildServer();
  if (!args.has("--server")) await buildWeb();
}

/**
 * What the build imports, all development dependencies. esbuild and vite alone are not enough
 * to tell: npm keeps them after --omit=dev because better-auth names vite as an optional peer.
 */
function buildToolsInstalled() {
  return ["esbuild", "vite", "@vitejs/plugin-react"].every((name) => {
    try {
      import.meta.resolve(name);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * esbuild's options for the server bundle of the project at `root`: the CLI entry and every
 * worker entry, our code bundled and split into chunks, packages left to node_modules.
 */
export function serverBuildOptions(root = ROOT) {
  return {
    absWorkingDir: root,
    entryPoints: { palpable: CLI_ENTRY, ...workerEntryPoints(root) },
    outdir: path.join(root, "dist", "server"),
    outExtension: { ".js": ".mjs" },
    chunkNames: "chunks/[name]-[hash]",
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20.19",
    packages: "external",
    sourcemap: "linked",
    // Maps point at ../../src; the sources are in the checkout, so the map needs no copy of them.
    sourcesContent: false,
    metafile: true,
    logLevel: "warning",
  };
}

async function buildServer() {
  const esbuild = await import("esbuild");
  const started = performance.now();
  // Built beside the current build and swapped in only when it passes its checks, so a failed
  // build never leaves dist/ without a server.
  const staging = path.join(ROOT, "dist", ".server-next");
  fs.rmSync(staging, { recursive: true, force: true });
  try {
    const result = await esbuild.build({ ...serverBuildOptions(), outdir: staging });
    checkExternals(result.metafile);
    const entryBytes = checkEntryStaysSmall(result.metafile);
    fs.writeFileSync(path.join(staging, "meta.json"), JSON.stringify(result.metafile));
    fs.rmSync(SERVER_OUT, { recursive: true, force: true });
    fs.renameSync(staging, SERVER_OUT);
    report(result.metafile, entryBytes, started);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

function report(metafile, entryBytes, started) {
  const outputs = Object.entries(metafile.outputs).filter(([file]) => file.endsWith(".mjs"));
  const total = outputs.reduce((sum, [, output]) => sum + output.bytes, 0);
  console.log(
    `dist/server: ${outputs.length} files, ${(total / 1024).toFixed(0)} KB (the CLI loads ${(entryBytes / 1024).toFixed(1)} KB before a command) in ${((performance.now() - started) / 1000).toFixed(2)} s`,
  );
}

async function buildWeb() {
  const { build } = await import("vite");
  const started = performance.now();
  await build({ configFile: path.join(ROOT, "vite.config.ts"), logLevel: "warn" });
  console.log(`dist/web: built in ${((performance.now() - started) / 1000).toFixed(2)} s`);
}

/** Every src/**\/*.worker.ts becomes dist/server/workers/<same path>.mjs (see src/shared/workers.ts). */
export function workerEntryPoints(root = ROOT) {
  const src = path.join(root, "src");
  const entries = {};
  for (const name of fs.readdirSync(src, { recursive: true, encoding: "utf8" })) {
    const file = name.split(path.sep).join("/");
    if (!file.endsWith(".worker.ts")) continue;
    entries[`workers/${file.replace(/\.ts$/, "")}`] = `src/${file}`;
  }
  return entries;
}

/** Every package the bundle imports must be a production dependency (or part of Node). */
function checkExternals(metafile) {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
  const allowed = new Set(Object.keys(pkg.dependencies ?? {}));
  const missing = new Map();
  for (const [input, { imports }] of Object.entries(metafile.inputs)) {
    for (const { path: specifier, external } of imports) {
      if (!external || isBuiltin(specifier)) continue;
      const name = packageName(specifier);
      if (!allowed.has(name)) missing.set(name, input);
    }
  }
  if (missing.size > 0) {
    const lines = [...missing].map(([name, input]) => `  ${name} (imported by ${input})`);
    throw new Error(
      `The server bundle imports packages that are not in "dependencies", so a production install would not have them:\n${lines.join("\n")}\n` +
        `Move them to "dependencies", or keep development-only code (tests, benchmarks) out of what the CLI imports.`,
    );
  }
}

/**
 * `palpable --help` should load almost nothing: the CLI entry's static imports (not the
 * commands it imports on demand) stay within a small budget and import no package.
 */
function checkEntryStaysSmall(metafile) {
  const entryOutput = Object.keys(metafile.outputs).find((file) => metafile.outputs[file].entryPoint === CLI_ENTRY);
  const seen = new Set();
  const packages = new Set();
  let bytes = 0;
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const output = metafile.outputs[file];
    bytes += output.bytes;
    for (const imported of output.imports) {
      if (imported.kind !== "import-statement") continue;
      if (imported.external) {
        if (!isBuiltin(imported.path)) packages.add(imported.path);
      } else visit(imported.path);
    }
  };
  visit(entryOutput);
  if (bytes > CLI_ENTRY_BUDGET_BYTES || packages.size > 0) {
    throw new Error(
      `The CLI entry statically loads ${bytes} bytes${packages.size > 0 ? ` and the packages ${[...packages].join(", ")}` : ""} ` +
        `before it knows the command (budget ${CLI_ENTRY_BUDGET_BYTES} bytes, no packages). Import commands lazily in ${CLI_ENTRY}.`,
    );
  }
  return bytes;
}

function isBuiltin(specifier) {
  return specifier.startsWith("node:") || builtinModules.includes(specifier.split("/")[0]);
}

function packageName(specifier) {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}
