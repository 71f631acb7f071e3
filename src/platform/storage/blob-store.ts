import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { PracticeScope } from "../../shared/scope.js";
import { makePrivateDir, PRIVATE_FILE_MODE } from "./private-files.js";

/**
 * Raw files, stored by the SHA-256 of their content so they are never lost and never stored
 * twice, and so every activity can be recomputed from its file. Kept per practice, so erasing
 * one practice's client never touches another practice's copy of the same bytes. Disk today;
 * an S3-compatible store can implement the same interface.
 */
export interface BlobStore {
  put(scope: PracticeScope, bytes: Uint8Array): Promise<{ sha256: string; sizeBytes: number }>;
  get(scope: PracticeScope, sha256: string): Promise<Uint8Array>;
  has(scope: PracticeScope, sha256: string): Promise<boolean>;
  delete(scope: PracticeScope, sha256: string): Promise<void>;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

const SHA256_HEX = /^[0-9a-f]{64}$/;
const SAFE_ID = /^[0-9A-Za-z-]{1,64}$/;

export class DiskBlobStore implements BlobStore {
  constructor(private readonly root: string) {}

  async put(scope: PracticeScope, bytes: Uint8Array): Promise<{ sha256: string; sizeBytes: number }> {
    const sha256 = sha256Hex(bytes);
    const target = this.pathOf(scope, sha256);
    if (await exists(target)) return { sha256, sizeBytes: bytes.byteLength };
    await makePrivateDir(path.dirname(target));
    // Write aside, flush, then rename: a crash leaves either the whole file or none, and a failed
    // write (a full disk) leaves nothing behind.
    const temp = `${target}.${randomBytes(6).toString("hex")}.tmp`;
    const handle = await fs.promises.open(temp, "wx", PRIVATE_FILE_MODE);
    try {
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.promises.rename(temp, target);
    } catch (error) {
      await fs.promises.rm(temp, { force: true });
      throw error;
    }
    return { sha256, sizeBytes: bytes.byteLength };
  }

  async get(scope: PracticeScope, sha256: string): Promise<Uint8Array> {
    return fs.promises.readFile(this.pathOf(scope, sha256));
  }

  async has(scope: PracticeScope, sha256: string): Promise<boolean> {
    return exists(this.pathOf(scope, sha256));
  }

  async delete(scope: PracticeScope, sha256: string): Promise<void> {
    await fs.promises.rm(this.pathOf(scope, sha256), { force: true });
  }

  private pathOf(scope: PracticeScope, sha256: string): string {
    if (!SHA256_HEX.test(sha256)) throw new Error("blob key must be a lower-case SHA-256 hex digest");
    if (!SAFE_ID.test(scope.practiceId)) throw new Error("practice id is not safe to use in a path");
    return path.join(this.root, scope.practiceId, sha256.slice(0, 2), sha256);
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.promises.access(file);
    return true;
  } catch {
    return false;
  }
}
