import { describeLimit, streamUploadToFile, type UploadLimit } from "../platform/storage/stream-upload.js";
import { isZip } from "./import/archive.js";
import { IMPORT_LIMITS, TRAINING_UPLOAD_MAX_BYTES } from "../shared/limits.js";

/** A zip may be a whole export; anything else is one activity file, held to the per-file limit while it streams. */
export function trainingUploadLimit(head: Uint8Array): UploadLimit {
  return isZip(head)
    ? describeLimit(TRAINING_UPLOAD_MAX_BYTES, "a zip of training files")
    : describeLimit(IMPORT_LIMITS.maxFileBytes, "a single activity file (send a zip for more)");
}

/**
 * Streams a training upload to a temporary file under the data dir, with the per-file limit
 * enforced while the bytes arrive (413 naming the limit). The caller deletes the file.
 */
export async function receiveUpload(
  body: ReadableStream<Uint8Array> | null,
  tempDir: string,
): Promise<{ path: string; sizeBytes: number }> {
  return streamUploadToFile(body, { tempDir, limitFor: trainingUploadLimit });
}
