import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { AppError, badRequest } from "../server/errors.js";

/** One upload may be a whole multi-year export. */
export const MAX_UPLOAD_BYTES = 4 * 1024 * 1024 * 1024;

/**
 * Streams a request body to a temporary file, counting bytes as they arrive, so a large export
 * never sits in memory and an oversized one is cut off early. The caller deletes the file.
 */
export async function receiveUpload(
  body: ReadableStream<Uint8Array> | null,
  tempDir: string,
): Promise<{ path: string; sizeBytes: number }> {
  if (!body) throw badRequest("empty_upload", "The upload has no body: send the file's bytes");
  await fs.promises.mkdir(tempDir, { recursive: true });
  const target = path.join(tempDir, `upload-${randomBytes(12).toString("hex")}`);
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.byteLength;
      if (size > MAX_UPLOAD_BYTES)
        callback(new AppError(413, "payload_too_large", `The upload is larger than ${MAX_UPLOAD_BYTES / 1024 ** 3} GB`));
      else callback(null, chunk);
    },
  });
  try {
    await pipeline(
      Readable.fromWeb(body as Parameters<typeof Readable.fromWeb>[0]),
      counter,
      fs.createWriteStream(target, { mode: 0o600 }),
    );
  } catch (error) {
    await fs.promises.rm(target, { force: true });
    if (error instanceof AppError) throw error;
    throw badRequest("upload_interrupted", "The upload was interrupted before it finished");
  }
  if (size === 0) {
    await fs.promises.rm(target, { force: true });
    throw badRequest("empty_upload", "The uploaded file is empty");
  }
  return { path: target, sizeBytes: size };
}
