#!/usr/bin/env node
// Runs a TypeScript script (benchmarks, the corpus conformance run) with the same loader as the CLI.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { register } from "tsx/esm/api";

register();
const [script, ...rest] = process.argv.slice(2);
if (!script) {
  console.error("usage: run-ts.mjs <script.ts> [args...]");
  process.exit(2);
}
process.argv = [process.argv[0], path.resolve(script), ...rest];
await import(pathToFileURL(path.resolve(script)).href);
