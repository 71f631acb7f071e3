/**
 * Conformance run of parseFit against real files and Garmin's SDK:
 *   npx tsx test/corpus/run.ts <dir>
 * Prints one line per *.fit file under <dir> and per FIT file the labelled set reads from
 * node_modules, and a summary; exits non-zero when a file the SDK reads cleanly decodes
 * differently with us, or when parseFit throws anything but FitParseError.
 * Then scores the training classifier on the hand-labelled set (labelled/labels.json) and exits
 * non-zero below its thresholds (see labelled/evaluate.ts).
 *
 * - SDK reads cleanly, activity: every record value must match (see sdk-reference.ts for how the
 *   SDK's output is brought to our units and merges) → "agree" or "mismatch".
 * - SDK reads cleanly, not an activity: we must throw not_activity → "typed-error".
 * - SDK reports errors (compressed timestamps, bad CRC, truncation...): "sdk-unreadable", with
 *   what we did; where the SDK still returned records, they are compared for information only.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { FitParseError, parseFit, type FitParseResult } from "../../src/training/fit/index.js";
import { evaluateLabelledSet, labelledPackageFitFiles } from "./labelled/evaluate.js";
import { runPipelineConformance } from "./pipeline.js";
import { firstRecordMismatch, presentFields, readWithSdk, type SdkReading } from "../support/training/fit-sdk-reference.js";

type Verdict = "agree" | "sdk-unreadable" | "typed-error" | "mismatch" | "crash";

function findFitFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return findFitFiles(path);
      return /\.fit$/i.test(entry.name) ? [path] : [];
    })
    .sort();
}

type OurReading = { kind: "ok"; result: FitParseResult } | { kind: "typed"; error: FitParseError } | { kind: "crash"; error: unknown };

function readWithOurs(bytes: Uint8Array): OurReading {
  try {
    return { kind: "ok", result: parseFit(bytes) };
  } catch (error) {
    if (error instanceof FitParseError && error.code !== "internal_error") return { kind: "typed", error };
    return { kind: "crash", error };
  }
}

function describeOurs(ours: OurReading): string {
  switch (ours.kind) {
    case "ok": {
      const warnings = ours.result.warnings.map((warning) => warning.code).join(", ");
      return `ours: ${ours.result.activity.records.count} records${warnings ? `, warnings: ${warnings}` : ""}`;
    }
    case "typed":
      return `ours: ${ours.error.code} (${ours.error.message})`;
    case "crash":
      return `ours: CRASH ${String(ours.error)}`;
  }
}

function judge(ours: OurReading, sdk: SdkReading): { verdict: Verdict; detail: string } {
  if (ours.kind === "crash") return { verdict: "crash", detail: describeOurs(ours) };
  if (sdk.errors.length > 0) {
    let detail = `sdk: ${sdk.errors[0]}; ${describeOurs(ours)}`;
    // The SDK still returns what it read before failing; compare that part for information.
    if (ours.kind === "ok" && sdk.records.length > 0) {
      const rows = Math.min(sdk.records.length, ours.result.activity.records.count);
      const mismatch = firstRecordMismatch(ours.result.activity.records, sdk, rows);
      detail += mismatch
        ? `; differs from the SDK's partial read at ${mismatch}`
        : `; first ${rows} records agree with the SDK's partial read`;
    }
    return { verdict: "sdk-unreadable", detail };
  }
  const sdkSaysActivity = sdk.fileTypes.includes("activity");
  if (!sdkSaysActivity) {
    if (ours.kind === "typed" && ours.error.code === "not_activity") {
      return { verdict: "typed-error", detail: `not_activity (sdk: ${sdk.fileTypes.map(String).join(", ") || "no file_id"})` };
    }
    return {
      verdict: "mismatch",
      detail: `sdk reads a non-activity file (${sdk.fileTypes.map(String).join(", ")}); ${describeOurs(ours)}`,
    };
  }
  if (ours.kind !== "ok") return { verdict: "mismatch", detail: `sdk reads it cleanly; ${describeOurs(ours)}` };
  const records = ours.result.activity.records;
  if (records.count !== sdk.records.length) {
    return { verdict: "mismatch", detail: `record count: ours=${records.count} sdk=${sdk.records.length}` };
  }
  const mismatch = firstRecordMismatch(records, sdk, records.count);
  if (mismatch) return { verdict: "mismatch", detail: mismatch };
  return { verdict: "agree", detail: `${records.count} records (${presentFields(records).join(" ")})` };
}

function main(): number {
  const dir = process.argv[2];
  if (!dir) {
    console.error("usage: run.ts <dir with .fit files>");
    return 2;
  }
  const counts: Record<Verdict, number> = { agree: 0, "sdk-unreadable": 0, "typed-error": 0, mismatch: 0, crash: 0 };
  // The corpus directory's FIT files, then the labelled set's FIT files read from node_modules and labelled/files.
  const files = [...findFitFiles(dir), ...labelledPackageFitFiles()];
  for (const file of files) {
    const bytes = new Uint8Array(readFileSync(file));
    const { verdict, detail } = judge(readWithOurs(bytes), readWithSdk(bytes));
    counts[verdict] += 1;
    const name = file.startsWith(dir)
      ? relative(dir, file)
      : file.includes("/node_modules/")
        ? `node_modules/${file.split("/node_modules/").pop()}`
        : relative(process.cwd(), file);
    console.log(`${verdict.padEnd(14)} ${name}: ${detail}`);
  }
  console.log(
    `corpus: ${files.length} files, ${counts.agree} agree, ${counts["sdk-unreadable"]} sdk-unreadable, ` +
      `${counts["typed-error"]} typed errors, ${counts.mismatch} mismatches, ${counts.crash} crashes`,
  );
  const pipelineFailures = runPipelineConformance(dir);
  console.log("");
  const labelFailures = evaluateLabelledSet(dir);
  return counts.mismatch + counts.crash + pipelineFailures + labelFailures > 0 ? 1 : 0;
}

process.exitCode = main();
