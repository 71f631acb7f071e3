/**
 * Start-up time of the CLI: wall time of `palpable --help` and of `palpable activity <one
 * generated FIT file> --json`, each a fresh process, three ways, interleaved in one run so all
 * see the same machine:
 * - built: the bundle (bin/palpable.mjs → dist/server), what `npm start` runs;
 * - source: the TypeScript through tsx with commands loaded lazily (bin/palpable-dev.mjs, tests
 *   and `npm run dev`);
 * - before: the CLI as it was before the build (tsx, every command imported up front;
 *   bench/startup-before.ts).
 *
 *   npm run bench:startup [-- --runs 9]
 * Target: built under half of before for both commands.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { seededRandom } from "../src/demo/random.js";
import { encodeFitActivity } from "../src/training/fit/encode.js";
import { synthesiseRun, WORKOUTS } from "../src/training/synthetic-run.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const runsArg = process.argv.indexOf("--runs");
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 7;

interface Case {
  command: string;
  variant: "built" | "source" | "before";
  argv: string[];
  /** What a correct run prints, so a fast failure is not timed as a fast start. */
  expect: string;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function timeOnce(item: Case): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, item.argv, { cwd: ROOT, encoding: "utf8", env: { ...process.env, LOG_LEVEL: "silent" } });
  const ms = performance.now() - started;
  if (result.status !== 0 || !result.stdout.includes(item.expect)) {
    throw new Error(`${item.variant} ${item.command} failed (exit ${result.status}):\n${result.stdout}${result.stderr}`);
  }
  return ms;
}

function main(): void {
  const buildStarted = performance.now();
  const build = spawnSync(process.execPath, ["scripts/build.mjs", "--server"], { cwd: ROOT, encoding: "utf8" });
  if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}${build.stderr}`);
  const buildSeconds = (performance.now() - buildStarted) / 1000;

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "palpable-bench-startup-"));
  try {
    const fit = path.join(dir, "hill-repeats.fit");
    const run = synthesiseRun({
      start: Date.parse("2026-11-20T07:00:00Z"),
      segments: WORKOUTS.hillRepeats(6),
      random: seededRandom(7),
      subSport: "generic",
      localOffsetMinutes: 60,
    });
    fs.writeFileSync(fit, encodeFitActivity(run));

    const entries = {
      built: ["bin/palpable.mjs"],
      source: ["bin/palpable-dev.mjs"],
      before: ["bin/run-ts.mjs", "bench/startup-before.ts"],
    } as const;
    const cases: Case[] = [];
    for (const variant of ["built", "source", "before"] as const) {
      cases.push({ command: "--help", variant, argv: [...entries[variant], "--help"], expect: "Usage: palpable" });
      cases.push({ command: "activity", variant, argv: [...entries[variant], "activity", fit, "--json"], expect: '"format":"fit"' });
    }
    const times = new Map<Case, number[]>(cases.map((c) => [c, []]));
    for (const item of cases) timeOnce(item); // Warm the file system cache for every variant.
    for (let i = 0; i < RUNS; i++) for (const item of cases) times.get(item)!.push(timeOnce(item));

    console.log(`node ${process.version}, ${os.availableParallelism()} cores, load ${os.loadavg()[0]!.toFixed(1)}; ${RUNS} runs each`);
    console.log(`server bundle built in ${buildSeconds.toFixed(2)} s (node scripts/build.mjs --server, process start included)`);
    const column = (text: string): string => text.padStart(9);
    console.log(`${"command".padEnd(40)}${column("built")}${column("source")}${column("before")}  built/before  built/source`);
    let met = true;
    for (const command of ["--help", "activity"]) {
      const of = (variant: Case["variant"]): number =>
        median(times.get(cases.find((c) => c.command === command && c.variant === variant)!)!);
      const [built, source, before] = [of("built"), of("source"), of("before")];
      met &&= built / before < 0.5;
      const label = command === "--help" ? "palpable --help" : "palpable activity <one FIT file> --json";
      console.log(
        `${label.padEnd(40)}${column(`${built.toFixed(0)} ms`)}${column(`${source.toFixed(0)} ms`)}${column(`${before.toFixed(0)} ms`)}` +
          `  ${(built / before).toFixed(2).padStart(12)}  ${(built / source).toFixed(2).padStart(12)}`,
      );
    }
    console.log(`medians of wall time per fresh process; target: built under half of before for both (${met ? "met" : "MISSED"})`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main();
