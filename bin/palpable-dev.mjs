#!/usr/bin/env node
// The CLI run straight from the TypeScript source through tsx (a development dependency): what
// `npm run dev` and the tests use, so a change in src/ needs no build. `palpable` itself
// (bin/palpable.mjs) runs the bundle in dist/.
import { register } from "tsx/esm/api";

register();
// Output piped into `head` and closed early is not an error worth a stack trace.
process.stdout.on("error", (error) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
