/**
 * Bulk import benchmark: a generated five-year Strava-style export (~1,500 runs as gzipped FIT,
 * with hill repeats, intervals, downhill trails and long runs) imported end to end — unzip,
 * decode, classify, store — into a fresh SQLite data directory. The import runs in a child
 * process so its peak memory is its own.
 *
 *   npm run bench:import [-- --runs 1500] [--zip /tmp/export.zip  (kept and reused)]
 * Files are analysed on a pool of worker threads (one per core), stored in order on the main one.
 * Targets: under 10 s on 2 cores, peak RSS under 500 MB. The CPU time of all threads is printed
 * too: on a busy machine the wall time says more about the neighbours than about the import.
 */
import { fork } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import yazl from "yazl";
import { seededRandom } from "../src/demo/random.js";
import { encodeFitActivity } from "../src/training/fit/encode.js";
import { synthesiseRun, WORKOUTS, type RunSegment } from "../src/training/synthetic-run.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const runsArg = process.argv.indexOf("--runs");
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 1500;
/** `--zip FILE`: keep the generated export there and reuse it on the next run (same --runs). */
const zipArg = process.argv.indexOf("--zip");
const KEPT_ZIP = zipArg > 0 ? path.resolve(process.argv[zipArg + 1] ?? "") : null;

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "palpable-bench-import-"));
  try {
    const zipPath = KEPT_ZIP ?? path.join(dir, "export_20261128.zip");
    const started = performance.now();
    const kept = KEPT_ZIP !== null && fs.existsSync(`${KEPT_ZIP}.json`);
    const { bytes, inflated } = kept
      ? (JSON.parse(fs.readFileSync(`${KEPT_ZIP}.json`, "utf8")) as { bytes: number; inflated: number })
      : await buildExport(zipPath, RUNS);
    if (KEPT_ZIP !== null && !kept) fs.writeFileSync(`${KEPT_ZIP}.json`, JSON.stringify({ bytes, inflated }));
    console.log(
      `${kept ? "reused" : "generated"} ${RUNS} runs: zip ${(bytes / 1e6).toFixed(1)} MB (${(inflated / 1e6).toFixed(1)} MB of FIT) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    const result = await runChild(zipPath, path.join(dir, "data"));
    const seconds = result.ms / 1000;
    console.log(
      `import: ${result.imported} imported, ${result.rejected} rejected, ${result.duplicates} duplicates in ${seconds.toFixed(1)} s`,
    );
    console.log(
      `throughput: ${(result.imported / seconds).toFixed(0)} files/s, ${(bytes / 1e6 / seconds).toFixed(1)} MB/s of zip, ${(inflated / 1e6 / seconds).toFixed(1)} MB/s of FIT`,
    );
    console.log(`peak RSS: ${(result.maxRssKb / 1024).toFixed(0)} MB`);
    console.log(
      `CPU: ${(result.cpuMs / 1000).toFixed(1)} s across all threads (${os.availableParallelism()} cores available; load average ${os.loadavg()[0]?.toFixed(1)})`,
    );
    console.log(
      `targets: < 10 s (${seconds < 10 ? "met" : "MISSED"}), < 500 MB peak RSS (${result.maxRssKb / 1024 < 500 ? "met" : "MISSED"})`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Five years of training, ~6 runs a week, written as a Strava bulk export zip on disk. */
async function buildExport(zipPath: string, runs: number): Promise<{ bytes: number; inflated: number }> {
  const random = seededRandom(5);
  const zip = new yazl.ZipFile();
  const out = fs.createWriteStream(zipPath);
  const done = new Promise<void>((resolve, reject) => {
    out.on("close", resolve);
    out.on("error", reject);
  });
  zip.outputStream.pipe(out);
  const csv = ["Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,Distance,Distance,Filename"];
  const start = Date.parse("2021-11-29T06:30:00Z");
  const spacing = (5 * 365 * 86_400_000) / runs;
  let inflated = 0;
  for (let i = 0; i < runs; i++) {
    const segments = pickWorkout(i, random.int(0, 9));
    const fit = encodeFitActivity(
      synthesiseRun({ start: start + i * spacing, segments, random, subSport: i % 7 === 6 ? "trail" : "generic", localOffsetMinutes: 60 }),
    );
    inflated += fit.byteLength;
    const file = `activities/${1000 + i}.fit.gz`;
    zip.addBuffer(gzipSync(fit), file, { compress: false });
    csv.push(`${1000 + i},"Jan 1, 2022, 7:00:00 AM",Run ${i},Run,,3600,10.0,10000.0,${file}`);
  }
  zip.addBuffer(Buffer.from(csv.join("\n")), "activities.csv");
  zip.end();
  await done;
  return { bytes: fs.statSync(zipPath).size, inflated };
}

function pickWorkout(i: number, roll: number): RunSegment[] {
  switch (i % 6) {
    case 0:
      return WORKOUTS.hillRepeats(4 + (roll % 5));
    case 1:
      return WORKOUTS.intervals(6 + (roll % 5));
    case 2:
      return WORKOUTS.easy(6 + roll);
    case 3:
      return WORKOUTS.downhillTrail(2 + (roll % 3), 2 + (roll % 3), 7 + (roll % 4));
    case 4:
      return WORKOUTS.easy(8);
    default:
      return WORKOUTS.long(16 + roll);
  }
}

function runChild(
  zipPath: string,
  dataDir: string,
): Promise<{ ms: number; imported: number; rejected: number; duplicates: number; maxRssKb: number; cpuMs: number }> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(here, "import-child.ts"), [zipPath, dataDir], {
      execArgv: ["--import", "tsx", ...(process.env.BENCH_CPU_PROF ? ["--cpu-prof", "--cpu-prof-dir=/tmp/prof"] : [])],
      env: { ...process.env, DATABASE_URL: "" },
    });
    child.on("message", (message) => resolve(message as never));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code !== 0) reject(new Error(`import child exited with ${code}`));
    });
  });
}

await main();
