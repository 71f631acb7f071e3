import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { Transform, Writable, type Readable } from "node:stream";
import yauzl from "yauzl";
import yazl from "yazl";
import { makePrivateDir } from "../platform/storage/private-files.js";
import { BackupError } from "./errors.js";
import {
  isBlobEntry,
  MANIFEST_NAME,
  manifestSchema,
  POSTGRES_ENTRY,
  SQLITE_ENTRY,
  SIGNATURE_NAME,
  type BackupManifest,
  type ManifestEntry,
} from "./manifest.js";
import { signManifest, type ManifestSignature } from "./signature.js";

/** A problem with the backup archive itself: named entry, nothing written. */
export class BackupArchiveError extends BackupError {
  override name = "BackupArchiveError";
}

export interface ArchiveSource {
  /** Name inside the archive. */
  name: string;
  /** File on disk holding the entry's bytes. */
  file: string;
}

/** SHA-256 and size of a file, streamed so large databases do not need to fit in memory. */
export async function hashFile(file: string): Promise<{ sha256: string; sizeBytes: number }> {
  const hash = createHash("sha256");
  let sizeBytes = 0;
  await pipeline(fs.createReadStream(file), async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) {
      hash.update(chunk);
      sizeBytes += chunk.byteLength;
    }
  });
  return { sha256: hash.digest("hex"), sizeBytes };
}

/**
 * Writes the entries and then the manifest into one zip. The archive is written aside and
 * renamed into place, so an interrupted backup never leaves a file that looks complete.
 */
export async function writeArchive(target: string, sources: ArchiveSource[], manifest: BackupManifest, secret: string): Promise<void> {
  const partial = `${target}.partial`;
  const zip = new yazl.ZipFile();
  for (const source of sources) zip.addFile(source.file, source.name, { mode: 0o100600 });
  const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
  zip.addBuffer(Buffer.from(manifestText), MANIFEST_NAME, { mode: 0o100600 });
  zip.addBuffer(Buffer.from(`${JSON.stringify(signManifest(manifestText, secret))}\n`), SIGNATURE_NAME, { mode: 0o100600 });
  zip.end();
  try {
    await pipeline(zip.outputStream, fs.createWriteStream(partial, { flags: "wx", mode: 0o600 }));
    const handle = await fs.promises.open(partial, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.promises.rename(partial, target);
  } catch (error) {
    await fs.promises.rm(partial, { force: true });
    throw error;
  }
}

/** A manifest lists entries and counts; even a very large practice stays far below this. */
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;

/** An opened, fully verified archive: every entry's checksum and size matched its manifest line. */
export interface VerifiedArchive {
  manifest: BackupManifest;
  /** manifest.json's exact text, which the signature covers. */
  manifestText: string;
  /** The manifest's signature; undefined for an archive made before backups were signed. */
  signature: ManifestSignature | undefined;
  /** A small entry's text (the auth secret), read without extracting anything. */
  readSmallEntry(name: string): Promise<string | undefined>;
  /** Writes every entry (except the manifest) under `directory`, checking each checksum again. */
  extractTo(directory: string): Promise<void>;
}

/**
 * Reads the manifest and checks every entry against it before anything is written anywhere:
 * a missing, extra, truncated or altered entry is refused with its name.
 */
export async function openVerifiedArchive(file: string): Promise<VerifiedArchive> {
  const manifestText = await readSmallEntry(file, MANIFEST_NAME);
  if (manifestText === undefined) throw new BackupArchiveError(`${file} is not a Palpable backup: it has no ${MANIFEST_NAME}`);
  const manifest = parseManifest(manifestText);
  const signature = await readSignature(file);
  const expected = new Map(manifest.entries.map((e) => [e.name, e]));
  const seen = new Set<string>();
  await forEachEntry(file, async (name, open) => {
    if (name === MANIFEST_NAME || name === SIGNATURE_NAME) return;
    const entry = expected.get(name);
    if (!entry) throw new BackupArchiveError(`The backup holds an entry its manifest does not list: ${name}`);
    if (seen.has(name)) throw new BackupArchiveError(`The backup holds the entry ${name} twice`);
    seen.add(name);
    await checkEntry(entry, await open());
  });
  for (const entry of manifest.entries) {
    if (!seen.has(entry.name)) throw new BackupArchiveError(`The backup is missing the entry ${entry.name} listed in its manifest`);
    // A blob's name is its SHA-256: a file whose content does not match its name is not ours.
    if (isBlobEntry(entry.name) && !entry.name.endsWith(`/${entry.sha256}`)) {
      throw new BackupArchiveError(`The backup entry ${entry.name} does not hold the file its name says`);
    }
  }
  const databaseEntry = manifest.databaseKind === "postgres" ? POSTGRES_ENTRY : SQLITE_ENTRY;
  if (!seen.has(databaseEntry)) throw new BackupArchiveError(`The backup holds no database (${databaseEntry} is missing)`);
  return {
    manifest,
    manifestText,
    signature,
    readSmallEntry: (name) => readSmallEntry(file, name),
    extractTo: (directory) =>
      forEachEntry(file, async (name, open) => {
        if (name === MANIFEST_NAME || name === SIGNATURE_NAME) return;
        const entry = expected.get(name);
        if (!entry) throw new BackupArchiveError(`The backup changed while it was being restored: ${name}`);
        const target = path.join(directory, ...name.split("/"));
        await makePrivateDir(path.dirname(target));
        await checkEntry(entry, await open(), target);
      }),
  };
}

/** One entry's text (the manifest, its signature, the secret), capped in size. */
async function readSmallEntry(file: string, wanted: string): Promise<string | undefined> {
  let text: string | undefined;
  await forEachEntry(file, async (name, open) => {
    if (name !== wanted) return;
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of await open()) {
      size += (chunk as Buffer).byteLength;
      if (size > MAX_MANIFEST_BYTES) throw new BackupArchiveError(`The backup's ${wanted} is larger than ${MAX_MANIFEST_BYTES} bytes`);
      chunks.push(chunk as Buffer);
    }
    text = Buffer.concat(chunks).toString("utf8");
  });
  return text;
}

async function readSignature(file: string): Promise<ManifestSignature | undefined> {
  const text = await readSmallEntry(file, SIGNATURE_NAME);
  if (text === undefined) return undefined;
  try {
    const parsed = JSON.parse(text) as Partial<ManifestSignature>;
    if (parsed.algorithm === "HMAC-SHA256" && typeof parsed.keyId === "string" && typeof parsed.signature === "string") {
      return { algorithm: parsed.algorithm, keyId: parsed.keyId, signature: parsed.signature };
    }
  } catch {
    // Falls through to the refusal below.
  }
  throw new BackupArchiveError(`The backup's ${SIGNATURE_NAME} is not a signature Palpable writes`);
}

function parseManifest(text: string): BackupManifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new BackupArchiveError(`The backup's ${MANIFEST_NAME} is not valid JSON`);
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const field = first ? first.path.join(".") || "(root)" : "(root)";
    throw new BackupArchiveError(`The backup's ${MANIFEST_NAME} is not valid: ${field} ${first?.message ?? ""}`.trim());
  }
  return parsed.data;
}

/** Streams one entry through SHA-256 (and to `target`, if given) and compares with the manifest. */
async function checkEntry(entry: ManifestEntry, stream: Readable, target?: string): Promise<void> {
  const hash = createHash("sha256");
  let sizeBytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      sizeBytes += chunk.byteLength;
      done(null, chunk);
    },
  });
  const sink = target
    ? fs.createWriteStream(target, { flags: "wx", mode: 0o600 })
    : new Writable({ write: (_chunk, _encoding, done) => done() });
  try {
    await pipeline(stream, counter, sink);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new BackupArchiveError(`The backup entry ${entry.name} is damaged or cannot be ${target ? "written" : "read"} (${reason})`);
  }
  if (sizeBytes !== entry.sizeBytes || hash.digest("hex") !== entry.sha256) {
    throw new BackupArchiveError(`The backup entry ${entry.name} does not match its checksum: the archive is damaged`);
  }
}

type OpenStream = () => Promise<Readable>;

/** Visits the archive's entries in order, one at a time. */
async function forEachEntry(file: string, visit: (name: string, open: OpenStream) => Promise<void>): Promise<void> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: true }, (error, opened) =>
      error ? reject(new BackupArchiveError(`${file} is not a complete backup archive (${error.message})`)) : resolve(opened),
    ),
  );
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on("error", (error: Error) => reject(new BackupArchiveError(`${file} is not a complete backup archive (${error.message})`)));
      zip.on("end", () => resolve());
      zip.on("entry", (entry: yauzl.Entry) => {
        const open: OpenStream = () =>
          new Promise((res, rej) =>
            zip.openReadStream(entry, (error, stream) =>
              error ? rej(new BackupArchiveError(`The backup entry ${entry.fileName} cannot be read (${error.message})`)) : res(stream),
            ),
          );
        visit(entry.fileName, open).then(
          () => zip.readEntry(),
          (error: unknown) => reject(error instanceof Error ? error : new Error(String(error))),
        );
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
}
