import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import busboy from "busboy";
import { makePrivateDir, PRIVATE_FILE_MODE } from "../platform/storage/private-files.js";
import { isZip } from "../training/import/archive.js";
import { formatSize } from "./limits.js";

export interface ReceivedFile {
  path: string;
  name: string;
  sizeBytes: number;
}

/** A multipart post refused while it arrived, with the sentence the runner reads. */
export class MultipartRefusedError extends Error {
  override readonly name = "MultipartRefusedError";
  constructor(
    readonly status: 400 | 413,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Streams the files of a plain form post (the page without JavaScript) to private temporary
 * files, one per file field, holding each to the per-file limit (a zip to the per-upload one)
 * and all of them to the per-upload limit while the bytes arrive. Nothing is held in memory.
 * On any refusal every file written so far is deleted.
 */
export async function receiveMultipartFiles(
  request: Request,
  tempDir: string,
  limits: { maxFileBytes: number; maxUploadBytes: number; maxFiles: number },
): Promise<ReceivedFile[]> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\b/i.test(contentType) || !request.body) {
    throw new MultipartRefusedError(400, "Please choose one or more files to send.");
  }
  await makePrivateDir(tempDir);
  const files: ReceivedFile[] = [];
  const writes: Promise<void>[] = [];
  let total = 0;
  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: { "content-type": contentType }, limits: { files: limits.maxFiles, fields: 20, fieldSize: 1024 } });
  } catch {
    throw new MultipartRefusedError(400, "The form could not be read. Please choose the files again.");
  }
  let refusal: MultipartRefusedError | undefined;
  const refuse = (error: MultipartRefusedError) => {
    refusal ??= error;
    return refusal;
  };
  parser.on("file", (_field, stream, info) => {
    const name = path.basename(info.filename || "").slice(0, 255);
    if (!name) {
      stream.resume();
      return;
    }
    const target = path.join(tempDir, `runs-${randomBytes(12).toString("hex")}`);
    const file: ReceivedFile = { path: target, name, sizeBytes: 0 };
    files.push(file);
    let limit: number | undefined;
    let head = Buffer.alloc(0);
    // After a refusal the rest of the body is read and dropped (not written), so every stream
    // ends normally; the Content-Length check before reading keeps that short for honest senders.
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        if (refusal) return callback();
        file.sizeBytes += chunk.byteLength;
        total += chunk.byteLength;
        if (limit === undefined) {
          head = Buffer.concat([head, chunk.subarray(0, 4 - head.byteLength)]);
          if (head.byteLength >= 4) limit = isZip(head) ? limits.maxUploadBytes : limits.maxFileBytes;
        }
        if (total > limits.maxUploadBytes) {
          refuse(
            new MultipartRefusedError(
              413,
              `Together the files are more than ${formatSize(limits.maxUploadBytes)}, the most one upload can hold. Send fewer at a time.`,
            ),
          );
          callback();
        } else if (limit !== undefined && file.sizeBytes > limit) {
          const what = limit === limits.maxFileBytes ? "activity file" : "zip";
          refuse(new MultipartRefusedError(413, `${name} is larger than ${formatSize(limit)}, the most one ${what} can be.`));
          callback();
        } else callback(null, chunk);
      },
    });
    writes.push(
      pipeline(stream, counter, fs.createWriteStream(target, { mode: PRIVATE_FILE_MODE, flags: "wx" })).catch(() => {
        refuse(new MultipartRefusedError(400, "The upload was interrupted before it finished. Please try again."));
      }),
    );
  });
  parser.on("filesLimit", () =>
    refuse(new MultipartRefusedError(413, `Please send at most ${limits.maxFiles} files at a time, or put them in a zip.`)),
  );
  try {
    await pipeline(Readable.fromWeb(request.body as Parameters<typeof Readable.fromWeb>[0]), parser);
    await Promise.all(writes);
    if (refusal) throw refusal;
  } catch (error) {
    await Promise.all(files.map((f) => fs.promises.rm(f.path, { force: true })));
    if (refusal) throw refusal;
    if (error instanceof MultipartRefusedError) throw error;
    throw new MultipartRefusedError(400, "The upload was interrupted before it finished. Please try again.");
  }
  if (files.length === 0) throw new MultipartRefusedError(400, "Please choose one or more files to send.");
  return files;
}
