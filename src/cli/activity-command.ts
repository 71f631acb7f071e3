import fs from "node:fs";
import { describeActivityFile } from "../training/describe.js";
import { isZip, walkZipFile } from "../training/import/archive.js";
import { RejectedFileError } from "../training/import/rejection.js";
import { parseCommandArgs } from "./args.js";
import { CliError } from "./cli-error.js";
import { expandPaths } from "./files.js";

const HELP = `Usage: palpable activity <file|dir|zip>... --json

Reads training files (FIT, GPX, TCX, gzipped or not, or zips of them) without a database and
prints one JSON object per activity per line: file, recordingId, leg, legs, sport,
sportEvidence, startTime, durationS, movingS, distanceM, elevationGainM, elevationLossM,
avgCadenceSpm, avgHeartRate, labels, warnings — or file and error. A file with several legs
(a duathlon, two runs saved together) prints one line per leg sharing its recordingId.

Options:
  --json       Print JSON lines (the only output format for now)
  -h, --help   Show this help
`;

export async function activityCommand(argv: string[]): Promise<number> {
  const { values, positionals } = splitPositionals(argv);
  const args = parseCommandArgs(values, { json: { type: "boolean" } }, HELP);
  if (!args) return 0;
  if (positionals.length === 0) throw new CliError(`Name at least one file or directory.\n\n${HELP}`, 2);
  let failures = 0;
  for (const file of await expandPaths(positionals)) {
    for await (const { name, bytes, error } of readInputs(file)) {
      const lines = error ? [{ file: name, error: error.message, reason: error.reason }] : describeActivityFile(name, bytes);
      for (const line of lines) {
        if ("error" in line) failures += 1;
        process.stdout.write(`${JSON.stringify(line)}\n`);
      }
    }
  }
  return failures > 0 ? 1 : 0;
}

async function* readInputs(file: string): AsyncGenerator<{ name: string; bytes?: Uint8Array; error?: RejectedFileError }> {
  let bytes: Uint8Array;
  try {
    bytes = await fs.promises.readFile(file);
  } catch (error) {
    yield {
      name: file,
      error: new RejectedFileError("corrupt", `cannot read the file (${(error as NodeJS.ErrnoException).code ?? "error"})`),
    };
    return;
  }
  if (!isZip(bytes)) {
    yield { name: file, bytes };
    return;
  }
  try {
    for await (const item of walkZipFile(file, file)) {
      if (item.kind === "rejected") yield { name: item.name, error: item.error };
      else if (/\.(fit|gpx|tcx)(\.gz)?$/i.test(item.name)) yield { name: item.name, bytes: item.bytes };
    }
  } catch (error) {
    if (error instanceof RejectedFileError) yield { name: file, error };
    else throw error;
  }
}

/** parseArgs wants options only; files come first or anywhere. */
export function splitPositionals(argv: string[]): { values: string[]; positionals: string[] } {
  const values: string[] = [];
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg.startsWith("-")) {
      values.push(arg);
      const next = argv[i + 1];
      if (!arg.includes("=") && TAKES_VALUE.has(arg) && next !== undefined) {
        values.push(next);
        i++;
      }
    } else {
      positionals.push(arg);
    }
  }
  return { values, positionals };
}

const TAKES_VALUE = new Set(["--client", "--practice-name"]);
