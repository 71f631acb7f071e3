/**
 * Throughput of parseFit, and of `palpable activity` end to end, against Garmin's SDK decoder:
 *   npm run bench:fit [-- <dir>]
 * Loads every .fit file under <dir> (real device files, e.g. ../shared/corpus) that the SDK reads
 * without errors, so every contender gets the same work; without <dir>, a set of generated runs.
 * Then, in the same run, passes over the set repeatedly with the SDK's decoder, with parseFit
 * alone, and with what `palpable activity --json` does per file (decode, summarise, classify,
 * JSON out), in five rounds that each time all three one after the other, and prints each round
 * and the medians: MB/s and both ratios to the SDK (a round's ratios compare its own figures, so
 * load that comes and goes during the run moves all three alike).
 * Targets on one core: parseFit ≥ 150 MB/s and ≥ 40× the SDK; end to end ≥ 20× the SDK.
 */
import { Decoder, Stream } from "@garmin/fitsdk";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describeActivityFile } from "../src/training/describe.js";
import { FitParseError, parseFit } from "../src/training/fit/index.js";
import { generatedFiles } from "./generated-runs.js";

/** Each contender is timed for this long in every round (the SDK for one pass at least). */
const MIN_SECONDS_PER_ROUND = 1.5;
const ROUNDS = 5;

function findFitFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return findFitFiles(path);
      return /\.fit$/i.test(entry.name) ? [path] : [];
    })
    .sort();
}

function decodeWithSdk(bytes: Uint8Array): number {
  const { messages, errors } = new Decoder(Stream.fromByteArray(bytes)).read();
  if (errors.length > 0) return -1;
  return messages.recordMesgs?.length ?? 0;
}

function decodeWithOurs(bytes: Uint8Array): number {
  try {
    return parseFit(bytes).activity.records.count;
  } catch (error) {
    // Non-activity files are rejected after reading their file_id: still work done, still counted.
    if (error instanceof FitParseError) return 0;
    throw error;
  }
}

/** What `palpable activity --json` does with one file, returning the bytes it would print. */
function describeEndToEnd(bytes: Uint8Array): number {
  let printed = 0;
  for (const line of describeActivityFile("bench.fit", bytes)) printed += JSON.stringify(line).length + 1;
  return printed;
}

interface Contender {
  name: string;
  decode: (bytes: Uint8Array) => number;
}

/** Full passes over `files` for at least `minMs` (one pass at least); MB/s. */
function timePasses(files: readonly Uint8Array[], decode: (bytes: Uint8Array) => number, minMs: number): { mbs: number; passes: number } {
  const totalBytes = files.reduce((sum, bytes) => sum + bytes.length, 0);
  let passes = 0;
  const start = performance.now();
  let elapsedMs = 0;
  do {
    for (const bytes of files) checksum += decode(bytes);
    passes += 1;
    elapsedMs = performance.now() - start;
  } while (elapsedMs < minMs);
  return { mbs: (totalBytes * passes) / 1e6 / (elapsedMs / 1000), passes };
}
let checksum = 0;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Measures the contenders in ROUNDS rounds, each timing every contender for MIN_SECONDS_PER_ROUND
 * one after the other, so a change in the machine's load falls on all of them alike; a round's
 * ratios compare its own figures. Prints each round and returns the medians: MB/s per contender
 * and each contender's ratio to the first (the SDK).
 */
function measure(files: readonly Uint8Array[], contenders: readonly Contender[]): { mbs: number[]; ratios: number[] } {
  // A warm-up pass so the JIT has compiled the hot paths before timing.
  for (const { decode } of contenders) for (const bytes of files) checksum += decode(bytes);
  const rounds: number[][] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const figures = contenders.map(({ decode }) => timePasses(files, decode, MIN_SECONDS_PER_ROUND * 1000));
    rounds.push(figures.map((f) => f.mbs));
    console.log(
      `  round ${round}: ${contenders.map((c, i) => `${c.name} ${figures[i]!.mbs.toFixed(1)} MB/s (${figures[i]!.passes} pass${figures[i]!.passes === 1 ? "" : "es"})`).join(" | ")}`,
    );
  }
  const mbs = contenders.map((_, i) => median(rounds.map((r) => r[i]!)));
  const ratios = contenders.map((_, i) => median(rounds.map((r) => r[i]! / r[0]!)));
  console.log(
    `  medians of ${ROUNDS} rounds: ${contenders.map((c, i) => `${c.name} ${mbs[i]!.toFixed(1)} MB/s`).join(" | ")} (checksum ${checksum})`,
  );
  return { mbs, ratios };
}

const CONTENDERS: Contender[] = [
  { name: "@garmin/fitsdk", decode: decodeWithSdk },
  { name: "parseFit", decode: decodeWithOurs },
  { name: "activity e2e", decode: describeEndToEnd },
];

function main(): number {
  const dir = process.argv[2];
  const loaded = dir ? findFitFiles(dir).map((path) => ({ path, bytes: new Uint8Array(readFileSync(path)) })) : generatedFiles();
  if (loaded.length === 0) {
    console.error(`no .fit files under ${dir}`);
    return 2;
  }
  const readable = loaded.filter(({ bytes }) => decodeWithSdk(bytes) >= 0);
  const skipped = loaded.length - readable.length;
  const files = readable.map(({ bytes }) => bytes);
  const totalMb = files.reduce((sum, bytes) => sum + bytes.length, 0) / 1e6;
  console.log(`fit bench: ${dir ? `real files under ${dir}` : "generated runs (name a folder of .fit files to use real ones)"}`);
  console.log(`${files.length} files the SDK reads cleanly (${totalMb.toFixed(2)} MB); ${skipped} skipped as SDK-unreadable`);
  const all = measure(files, CONTENDERS);
  const [, ours, endToEnd] = all.ratios;
  console.log(
    `ratio: parseFit is ${ours!.toFixed(1)}× the SDK (target ≥ 40×); parseFit ${all.mbs[1]!.toFixed(0)} MB/s (target ≥ 150 MB/s)`,
  );
  console.log(
    `ratio: palpable activity end to end (decode, summarise, classify, JSON) is ${endToEnd!.toFixed(1)}× the SDK's decoding alone (target ≥ 20×)`,
  );

  const large = loaded.find(({ path }) => path.endsWith("large.fit"));
  if (dir && large) {
    console.log(`single file ${relative(dir, large.path)} (${(large.bytes.length / 1e6).toFixed(2)} MB):`);
    const single = measure([large.bytes], CONTENDERS);
    console.log(
      `ratio on ${relative(dir, large.path)}: parseFit ${single.ratios[1]!.toFixed(1)}×, end to end ${single.ratios[2]!.toFixed(1)}×`,
    );
  }
  return 0;
}

process.exitCode = main();
