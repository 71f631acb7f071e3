import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { AppError, badRequest } from "../errors.js";
import { isDiskFull, diskFull } from "./disk-full.js";
import { makePrivateDir, PRIVATE_FILE_MODE } from "./private-files.js";

/** A size limit, said the way the refusal says it: "The file is larger than <description>". */
export interface UploadLimit {
  bytes: number;
  description: string;
}

export interface StreamUploadOptions {
  /** Where to put the file: a folder of the data dir (made owner-only). */
  tempDir: string;
  /**
   * The limit for this upload, chosen from its first bytes (up to 8 of them) once they arrive,
   * e.g. a larger one for a zip than for a single file.
   */
  limitFor: (head: Uint8Array) => UploadLimit;
}

const HEAD_BYTES = 8;

function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${bytes / 1024 ** 3} GB`;
  if (bytes >= 1024 ** 2) return `${bytes / 1024 ** 2} MB`;
  return `${Math.round(bytes / 1024)} KB`;
}

/** "128 MB, the limit for a single activity file" from a byte count and what it is the limit for. */
export function describeLimit(bytes: number, forWhat: string): UploadLimit {
  return { bytes, description: `${formatBytes(bytes)}, the limit for ${forWhat}` };
}

/**
 * Streams a request body to a private temporary file, enforcing the size limit while the bytes
 * arrive, so an upload never sits in memory and an oversized one is cut off as soon as it passes
 * the limit (413 naming the limit). A full disk is 507 and leaves no partial file. Any upload route
 * (training files, client uploads) uses this; the caller deletes the file when done.
 */
export async function streamUploadToFile(
  body: ReadableStream<Uint8Array> | null,
  options: StreamUploadOptions,
): Promise<{ path: string; sizeBytes: number }> {
  if (!body) throw badRequest("empty_upload", "The upload has no body: send the file's bytes");
  await makePrivateDir(options.tempDir);
  const target = path.join(options.tempDir, `upload-${randomBytes(12).toString("hex")}`);
  let size = 0;
  let head = Buffer.alloc(0);
  let limit: UploadLimit | undefined;
  const tooLarge = (chosen: UploadLimit) => new AppError(413, "payload_too_large", `The file is larger than ${chosen.description}`);
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.byteLength;
      if (!limit) {
        head = Buffer.concat([head, chunk.subarray(0, HEAD_BYTES - head.byteLength)]);
        if (head.byteLength >= HEAD_BYTES) limit = options.limitFor(head);
      }
      if (limit && size > limit.bytes) callback(tooLarge(limit));
      else callback(null, chunk);
    },
    flush(callback) {
      // A body shorter than the head: judge it by what there is.
      limit ??= options.limitFor(head);
      callback(size > limit.bytes ? tooLarge(limit) : null);
    },
  });
  try {
    await pipeline(
      Readable.fromWeb(body as Parameters<typeof Readable.fromWeb>[0]),
      counter,
      fs.createWriteStream(target, { mode: PRIVATE_FILE_MODE, flags: "wx" }),
    );
  } catch (error) {
    await fs.promises.rm(target, { force: true });
    if (error instanceof AppError) throw error;
    if (isDiskFull(error)) throw diskFull();
    throw badRequest("upload_interrupted", "The upload was interrupted before it finished");
  }
  if (size === 0) {
    await fs.promises.rm(target, { force: true });
    throw badRequest("empty_upload", "The uploaded file is empty");
  }
  return { path: target, sizeBytes: size };
}
