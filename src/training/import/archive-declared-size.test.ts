import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { zipWithDeclaredSizes } from "../../../test/support/zip.js";
import { walkZipFile, type ImportLimits, type UploadItem } from "./archive.js";
import { IMPORT_LIMITS } from "./limits.js";

async function walk(zip: Uint8Array, limits: Partial<ImportLimits> = {}): Promise<UploadItem[]> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "palpable-zip-")), "upload.zip");
  fs.writeFileSync(file, zip);
  const items: UploadItem[] = [];
  for await (const item of walkZipFile(file, "upload.zip", { ...IMPORT_LIMITS, ...limits })) items.push(item);
  return items;
}

const described = (items: UploadItem[]) =>
  items.map((i) => (i.kind === "file" ? [i.name, "file"] : [i.name, i.error.reason, i.error.message]));

describe("a zip entry whose header understates its size", () => {
  it("builds a zip the reader opens when the sizes are true", async () => {
    const items = await walk(zipWithDeclaredSizes([{ name: "honest.fit", content: Buffer.from("x".repeat(500)) }]));
    expect(items).toEqual([{ kind: "file", name: "upload.zip/honest.fit", bytes: expect.any(Uint8Array) }]);
    expect(items[0]?.kind === "file" && items[0].bytes.byteLength).toBe(500);
  });

  it("is refused by name in plain words when it inflates larger than declared, and the rest is still read", async () => {
    const zip = zipWithDeclaredSizes([
      { name: "liar.fit", content: Buffer.alloc(64 * 1024, 0x41), declaredSize: 100 },
      { name: "honest.fit", content: Buffer.from("y".repeat(300)) },
    ]);
    expect(described(await walk(zip))).toEqual([
      ["upload.zip/liar.fit", "corrupt", "the zip entry is damaged (its size is not the one its header gives)"],
      ["upload.zip/honest.fit", "file"],
    ]);
  });

  it("stops inflating at the import limit, however small the header says it is", async () => {
    // 8 MB of zeros deflate to a few kilobytes; the header says 100 bytes; one file may have 1 MB.
    const zip = zipWithDeclaredSizes([
      { name: "bomb.fit", content: Buffer.alloc(8 * 1024 * 1024), declaredSize: 100 },
      { name: "honest.fit", content: Buffer.from("z".repeat(300)) },
    ]);
    expect(zip.byteLength).toBeLessThan(64 * 1024);
    expect(described(await walk(zip, { maxFileBytes: 1024 * 1024 }))).toEqual([
      ["upload.zip/bomb.fit", "zip_bomb", "the entry inflates beyond the import limit"],
      ["upload.zip/honest.fit", "file"],
    ]);
  });

  it("counts what a lying entry inflated towards the upload's total, so the archive stops there", async () => {
    const zip = zipWithDeclaredSizes([
      { name: "bomb.fit", content: Buffer.alloc(4 * 1024 * 1024), declaredSize: 100 },
      { name: "after.fit", content: Buffer.from("w".repeat(300)) },
    ]);
    const items = await walk(zip, { maxFileBytes: 8 * 1024 * 1024, maxTotalInflatedBytes: 1024 * 1024 });
    expect(described(items)).toEqual([
      ["upload.zip/bomb.fit", "zip_bomb", "the entry inflates beyond the import limit"],
      ["upload.zip/after.fit", "zip_bomb", expect.stringMatching(/the archive inflates beyond .* the rest is skipped/)],
    ]);
  });
});
