/**
 * The CLI as it started before it had a build, for bench:startup's "before" column: TypeScript
 * compiled by tsx at start (run through bin/run-ts.mjs, as bin/palpable.mjs did) and every
 * command module imported before the command line is read, as src/cli/main.ts did then.
 */
import fs from "node:fs";

const cli = new URL("../src/cli/", import.meta.url);
const commands = fs.readdirSync(cli).filter((name) => name.endsWith("-command.ts"));
await Promise.all(commands.map((name) => import(new URL(name, cli).href)));
const { main } = await import("../src/cli/main.js");
process.exitCode = await main(process.argv.slice(2));
