#!/usr/bin/env node
// The `palpable` command: runs the bundle that `npm run build` writes to dist/server (`npm install`
// builds it once). No TypeScript is compiled here; bin/palpable-dev.mjs runs the source instead.
import fs from "node:fs";
import path from "node:path";
import { URL, fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const entry = path.join(root, "dist", "server", "palpable.mjs");
if (!fs.existsSync(entry)) {
  process.stderr.write("palpable: not built yet. Run `npm run build` (`npm install` does it for you).\n");
  process.exit(1);
}
// The bundle carries source maps: stack traces name the src/ file and line.
process.setSourceMapsEnabled(true);
// Output piped into `head` and closed early is not an error worth a stack trace.
process.stdout.on("error", (error) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});
if (process.argv[2] === "start") warnIfOlderThanSource();
const { main } = await import(new URL("../dist/server/palpable.mjs", import.meta.url).href);
process.exitCode = await main(process.argv.slice(2));

/**
 * In a checkout that has src/, a build older than the newest source file means `npm start` would
 * serve yesterday's code; say so (a deploy without src/ skips this). Tests do not change the build.
 */
function warnIfOlderThanSource() {
  const src = path.join(root, "src");
  if (!fs.existsSync(src)) return;
  const web = path.join(root, "dist", "web", "index.html");
  const built = Math.min(fs.statSync(entry).mtimeMs, fs.existsSync(web) ? fs.statSync(web).mtimeMs : 0);
  for (const name of fs.readdirSync(src, { recursive: true, encoding: "utf8" })) {
    if (/\.(test|int\.test)\.tsx?$|\.testing\.ts$/.test(name)) continue;
    if (fs.statSync(path.join(src, name)).mtimeMs > built) {
      process.stderr.write(`palpable: src/${name} changed after the last build; run \`npm run build\` to serve it.\n`);
      return;
    }
  }
}
