/**
 * Throughput of parseFit, and of `palpable activity` end to end, against Garmin's SDK decoder:
 *   npm run bench:fit [-- <dir>]
 * Loads every .fit file under <dir> (real device files, e.g. ../shared/corpus) that the SDK reads
 * without errors, so every contender gets the same work; without <dir>, a set of generated runs.
 * Then, in the same run, passes over the set repeatedly with the SDK's decoder, with parseFit
 * alone, and with what `palpable activity --json` does per file (decode, summarise, classify,
 * JSON out), and prints MB/s and both ratios to the SDK.
 * Targets on one core: parseFit ≥ 150 MB/s and ≥ 40× the SDK; end to end ≥ 20× the SDK.
 */
import { Decoder, Stream } from "@garmin/fitsdk";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describeActivityFile } from "../src/training/describe.js";
import { FitParseError, parseFit } from "../src/training/fit/index.js";
import { generatedFiles } from "./generated-runs.js";

const MIN_SECONDS_PER_DECODER = 3;

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

/** Repeats full passes over `files` for at least MIN_SECONDS_PER_DECODER; returns MB/s. */
function measure(name: string, files: readonly Uint8Array[], decode: (bytes: Uint8Array) => number): number {
  const totalBytes = files.reduce((sum, bytes) => sum + bytes.length, 0);
  let checksum = 0;
  // Warm-up pass so the JIT has compiled the hot paths before timing.
  for (const bytes of files) checksum += decode(bytes);
  let passes = 0;
  const start = performance.now();
  let elapsedMs = 0;
  do {
    for (const bytes of files) checksum += decode(bytes);
    passes += 1;
    elapsedMs = performance.now() - start;
  } while (elapsedMs < MIN_SECONDS_PER_DECODER * 1000);
  const megabytesPerSecond = (totalBytes * passes) / 1e6 / (elapsedMs / 1000);
  console.log(
    `${name.padEnd(14)} ${megabytesPerSecond.toFixed(1).padStart(8)} MB/s  (${passes} passes in ${(elapsedMs / 1000).toFixed(2)} s, checksum ${checksum})`,
  );
  return megabytesPerSecond;
}

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
  const sdk = measure("@garmin/fitsdk", files, decodeWithSdk);
  const ours = measure("parseFit", files, decodeWithOurs);
  const endToEnd = measure("activity e2e", files, describeEndToEnd);
  console.log(
    `ratio: parseFit is ${(ours / sdk).toFixed(1)}× the SDK (target ≥ 40×); parseFit ${ours.toFixed(0)} MB/s (target ≥ 150 MB/s)`,
  );
  console.log(
    `ratio: palpable activity end to end (decode, summarise, classify, JSON) is ${(endToEnd / sdk).toFixed(1)}× the SDK's decoding alone (target ≥ 20×)`,
  );

  const large = loaded.find(({ path }) => path.endsWith("large.fit"));
  if (dir && large) {
    const single = [large.bytes];
    console.log(`single file ${relative(dir, large.path)} (${(large.bytes.length / 1e6).toFixed(2)} MB):`);
    const sdkLarge = measure("@garmin/fitsdk", single, decodeWithSdk);
    const oursLarge = measure("parseFit", single, decodeWithOurs);
    const endToEndLarge = measure("activity e2e", single, describeEndToEnd);
    console.log(
      `ratio on ${relative(dir, large.path)}: parseFit ${(oursLarge / sdkLarge).toFixed(1)}×, end to end ${(endToEndLarge / sdkLarge).toFixed(1)}×`,
    );
  }
  return 0;
}

process.exitCode = main();
