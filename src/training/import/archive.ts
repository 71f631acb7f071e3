import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import type { Readable } from "node:stream";
import yauzl from "yauzl";
import { IMPORT_LIMITS } from "./limits.js";
import { RejectedFileError } from "./rejection.js";

/** One file found in an upload: its bytes, or why it cannot be read. */
export type UploadItem = { kind: "file"; name: string; bytes: Uint8Array } | { kind: "rejected"; name: string; error: RejectedFileError };

interface Budget {
  entries: number;
  inflatedBytes: number;
  /** Processor time spent inflating so far, in milliseconds. */
  inflateCpuMs: number;
  limits: ImportLimits;
  cpuClock: CpuClock;
}

/** Processor time used so far, in milliseconds. */
export type CpuClock = () => number;

/**
 * This thread's processor time (Linux: /proc/thread-self/stat, in clock ticks of 10 ms), or,
 * where that cannot be read, the wall time, which is never less. Not the process's time
 * (process.cpuUsage()): that counts every thread, the analysis workers' and other uploads' too,
 * and would charge their work to this upload's budget.
 */
export const threadCpuMs: CpuClock = () => {
  try {
    const stat = fs.readFileSync("/proc/thread-self/stat", "latin1");
    // After "pid (name) ", the fields from the 3rd on; utime and stime are the 14th and 15th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]);
    if (Number.isFinite(ticks)) return ticks * 10;
  } catch {
    // Not Linux, or no /proc: the wall time below.
  }
  return performance.now();
};

export type ImportLimits = { readonly [K in keyof typeof IMPORT_LIMITS]: number };

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

export function isZip(bytes: Uint8Array): boolean {
  return ZIP_MAGIC.every((b, i) => bytes[i] === b);
}

/**
 * Walks a zip archive (a Strava or Garmin Connect export, or any zip of activity files) from a
 * file on disk, reading one entry at a time so the archive is never held in memory whole. Nested
 * zips are opened up to a fixed depth. Entry count and inflated size are capped both by what the
 * archive declares and by what actually comes out while inflating. Names from the archive are
 * only ever used as labels: nothing is written to a path taken from it.
 */
export async function* walkZipFile(
  zipPath: string,
  displayName: string,
  limits: ImportLimits = IMPORT_LIMITS,
  cpuClock: CpuClock = threadCpuMs,
): AsyncGenerator<UploadItem> {
  const zip = await openZip((cb) => yauzl.open(zipPath, ZIP_OPTIONS, cb), displayName);
  yield* walkZip(zip, displayName, 1, { entries: 0, inflatedBytes: 0, inflateCpuMs: 0, limits, cpuClock });
}

function overCpuBudget(budget: Budget): boolean {
  return budget.inflateCpuMs > budget.limits.maxInflateCpuMs;
}

function cpuBudgetRejection(budget: Budget): RejectedFileError {
  return new RejectedFileError(
    "zip_bomb",
    `inflating the archive took more than ${budget.limits.maxInflateCpuMs / 1000} s of processor time, the limit for one upload; the rest is skipped`,
  );
}

async function* walkZipBuffer(bytes: Uint8Array, displayName: string, depth: number, budget: Budget): AsyncGenerator<UploadItem> {
  const zip = await openZip(
    (cb) => yauzl.fromBuffer(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), ZIP_OPTIONS, cb),
    displayName,
  );
  yield* walkZip(zip, displayName, depth, budget);
}

const ZIP_OPTIONS: yauzl.Options = {
  lazyEntries: true,
  autoClose: false,
  validateEntrySizes: true,
  strictFileNames: false,
  decodeStrings: false,
};

/**
 * Entry names are decoded here rather than by yauzl, which fails the whole archive on a single
 * unsafe name; we reject just that entry and go on.
 */
function entryName(entry: yauzl.Entry): string {
  const raw: unknown = entry.fileName;
  const text = typeof raw === "string" ? raw : new TextDecoder("utf-8").decode(raw as Uint8Array);
  return text.replace(/\\/g, "/");
}

async function* walkZip(zip: yauzl.ZipFile, archiveName: string, depth: number, budget: Budget): AsyncGenerator<UploadItem> {
  try {
    const entries = await listEntries(zip, archiveName, budget);
    // Strava's activities.csv describes the files; read it first whatever its place in the archive.
    entries.sort((a, b) => Number(isCsv(entryName(b))) - Number(isCsv(entryName(a))));
    for (const entry of entries) {
      const fileName = entryName(entry);
      const label = `${archiveName}/${fileName}`;
      if (isDirectory(fileName)) continue;
      if (isUnsafePath(fileName)) {
        yield {
          kind: "rejected",
          name: label,
          error: new RejectedFileError("path_traversal", "the zip entry's path points outside the archive"),
        };
        continue;
      }
      if (entry.uncompressedSize > budget.limits.maxFileBytes) {
        yield {
          kind: "rejected",
          name: label,
          error: new RejectedFileError("too_large", `larger than ${budget.limits.maxFileBytes / 1024 / 1024} MB`),
        };
        continue;
      }
      if (budget.inflatedBytes + entry.uncompressedSize > budget.limits.maxTotalInflatedBytes) {
        yield {
          kind: "rejected",
          name: label,
          error: new RejectedFileError(
            "zip_bomb",
            `the archive inflates beyond ${budget.limits.maxTotalInflatedBytes / 1024 ** 3} GB, the limit for one upload; the rest is skipped`,
          ),
        };
        return;
      }
      let bytes: Uint8Array;
      try {
        bytes = await readEntry(zip, entry, budget);
      } catch (error) {
        yield { kind: "rejected", name: label, error: asRejection(error, "the zip entry is damaged") };
        if (overCpuBudget(budget)) return;
        continue;
      }
      if (isZip(bytes)) {
        if (depth >= budget.limits.maxArchiveDepth) {
          yield { kind: "rejected", name: label, error: new RejectedFileError("zip_bomb", "zip archives nested too deep") };
          continue;
        }
        try {
          yield* walkZipBuffer(bytes, label, depth + 1, budget);
        } catch (error) {
          yield { kind: "rejected", name: label, error: asRejection(error, "the nested zip is damaged") };
        }
        continue;
      }
      yield { kind: "file", name: label, bytes };
    }
  } finally {
    zip.close();
  }
}

function listEntries(zip: yauzl.ZipFile, archiveName: string, budget: Budget): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    zip.on("entry", (entry: yauzl.Entry) => {
      budget.entries += 1;
      if (budget.entries > budget.limits.maxArchiveEntries) {
        reject(new RejectedFileError("zip_bomb", `${archiveName} holds more than ${budget.limits.maxArchiveEntries} entries`));
        return;
      }
      entries.push(entry);
      zip.readEntry();
    });
    zip.once("end", () => resolve(entries));
    zip.once("error", (error: Error) =>
      reject(new RejectedFileError("corrupt", `${archiveName} is not a readable zip (${error.message})`)),
    );
    zip.readEntry();
  });
}

/**
 * Reads one entry's stored bytes and inflates them here, in one call on this thread, so that the
 * processor time it takes is measured as this upload's alone; the inflated size is capped while
 * inflating (maxOutputLength) rather than trusted from the header.
 */
async function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, budget: Budget): Promise<Uint8Array> {
  if (entry.isEncrypted()) throw new RejectedFileError("corrupt", "the zip entry is encrypted");
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
    throw new RejectedFileError("corrupt", `the zip entry uses a compression method we cannot read (${entry.compressionMethod})`);
  }
  // Deflate never grows data by more than a fraction of a percent: more stored bytes than that is no file we would keep.
  if (entry.compressedSize > budget.limits.maxFileBytes * 1.01 + 65_536) {
    throw new RejectedFileError("too_large", `larger than ${budget.limits.maxFileBytes / 1024 / 1024} MB`);
  }
  const stream = await new Promise<Readable>((resolve, reject) => {
    zip.openReadStream(entry, { decodeFileData: false }, (error, readStream) => (error ? reject(error) : resolve(readStream)));
  });
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  const stored = Buffer.concat(chunks);
  const room = Math.min(budget.limits.maxFileBytes, budget.limits.maxTotalInflatedBytes - budget.inflatedBytes);
  let bytes: Buffer;
  if (entry.compressionMethod === 0) {
    bytes = stored;
  } else {
    const before = budget.cpuClock();
    try {
      bytes = zlib.inflateRawSync(stored, { maxOutputLength: Math.max(1, room + 1) });
    } catch (error) {
      if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") {
        // What came out before it stopped counts, so an archive past its total stops here.
        budget.inflatedBytes += room + 1;
        throw new RejectedFileError("zip_bomb", "the entry inflates beyond the import limit");
      }
      throw new RejectedFileError("corrupt", "the zip entry is damaged");
    } finally {
      budget.inflateCpuMs += budget.cpuClock() - before;
    }
  }
  if (bytes.byteLength > room) throw new RejectedFileError("zip_bomb", "the entry inflates beyond the import limit");
  budget.inflatedBytes += bytes.byteLength;
  if (overCpuBudget(budget)) throw cpuBudgetRejection(budget);
  if (bytes.byteLength !== entry.uncompressedSize)
    throw new RejectedFileError("corrupt", "the zip entry is damaged (its size is not the one its header gives)");
  return bytes;
}

function openZip(open: (cb: (error: Error | null, zip: yauzl.ZipFile) => void) => void, name: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    open((error, zip) =>
      error ? reject(new RejectedFileError("corrupt", `${path.basename(name)} is not a readable zip (${error.message})`)) : resolve(zip),
    );
  });
}

function asRejection(error: unknown, fallback: string): RejectedFileError {
  return error instanceof RejectedFileError ? error : new RejectedFileError("corrupt", fallback);
}

function isDirectory(name: string): boolean {
  return name.endsWith("/");
}

function isCsv(name: string): boolean {
  return name.toLowerCase().endsWith(".csv");
}

/** Absolute paths, drive letters and ".." segments: the classic zip-slip entry names. */
export function isUnsafePath(name: string): boolean {
  const normalised = name.replace(/\\/g, "/");
  if (normalised.startsWith("/") || /^[A-Za-z]:/.test(normalised)) return true;
  return normalised.split("/").some((segment) => segment === "..");
}
