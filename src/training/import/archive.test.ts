import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildZip, renameZipEntry } from "../../../test/support/zip.js";
import { isUnsafePath, walkZipFile, type CpuClock, type ImportLimits, type UploadItem } from "./archive.js";
import { IMPORT_LIMITS } from "./limits.js";

async function walk(zip: Uint8Array, limits: Partial<ImportLimits> = {}, cpuClock?: CpuClock): Promise<UploadItem[]> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "palpable-zip-")), "upload.zip");
  fs.writeFileSync(file, zip);
  const items: UploadItem[] = [];
  for await (const item of walkZipFile(file, "upload.zip", { ...IMPORT_LIMITS, ...limits }, cpuClock)) items.push(item);
  return items;
}

const summary = (items: UploadItem[]) => items.map((i) => (i.kind === "file" ? `${i.name}` : `${i.name}: ${i.error.reason}`));

describe("walking an uploaded zip", () => {
  it("yields each file, opening nested zips and putting activities.csv first", async () => {
    const inner = await buildZip({ "a.fit": "A" });
    const items = await walk(await buildZip({ "x/b.fit": "B", "nested.zip": inner, "activities.csv": "c" }));
    expect(summary(items)).toEqual(["upload.zip/activities.csv", "upload.zip/x/b.fit", "upload.zip/nested.zip/a.fit"]);
  });

  it("rejects an entry that declares more bytes than one file may have, and goes on", async () => {
    const items = await walk(await buildZip({ "big.fit": "x".repeat(5000), "small.fit": "ok" }), { maxFileBytes: 1000 });
    expect(summary(items)).toEqual(["upload.zip/big.fit: too_large", "upload.zip/small.fit"]);
  });

  it("stops when the archive as a whole would inflate past the limit (a zip bomb)", async () => {
    const items = await walk(await buildZip({ "1.fit": "x".repeat(600), "2.fit": "y".repeat(600), "3.fit": "z" }), {
      maxTotalInflatedBytes: 1000,
    });
    expect(summary(items)).toEqual(["upload.zip/1.fit", "upload.zip/2.fit: zip_bomb"]);
  });

  it("stops when inflating has used up the upload's processor time, naming the limit", async () => {
    // A processor-time meter that says each inflate took 8 s: the third entry passes the 20 s budget.
    let cpuMs = 0;
    const slowCpu: CpuClock = () => (cpuMs += 8_000);
    const entries = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`${i}.fit`, "x".repeat(100)]));
    const items = await walk(await buildZip(entries), {}, slowCpu);
    expect(summary(items)).toEqual(["upload.zip/0.fit", "upload.zip/1.fit", "upload.zip/2.fit: zip_bomb"]);
    const last = items.at(-1);
    expect(last?.kind === "rejected" && last.error.message).toMatch(
      /more than 20 s of processor time, the limit for one upload; the rest is skipped/,
    );
  });

  it("keeps each upload's inflate budget at 2 GB and 20 s of processor time", () => {
    expect(IMPORT_LIMITS.maxTotalInflatedBytes).toBeLessThanOrEqual(2 * 1024 ** 3);
    expect(IMPORT_LIMITS.maxInflateCpuMs).toBeLessThanOrEqual(20_000);
  });

  it("refuses archives with too many entries", async () => {
    const entries = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`${i}.fit`, "x"]));
    const items = await walk(await buildZip(entries), { maxArchiveEntries: 10 }).catch((error: unknown) => error);
    expect(items).toMatchObject({ reason: "zip_bomb" });
  });

  it("refuses zips nested deeper than real exports nest them", async () => {
    let zip = await buildZip({ "deep.fit": "x" });
    for (let i = 0; i < 3; i++) zip = await buildZip({ [`level${i}.zip`]: zip });
    const items = await walk(zip);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: "rejected", error: { reason: "zip_bomb" } });
  });

  it("rejects entries whose path leaves the archive, by name only", async () => {
    const zip = renameZipEntry(await buildZip({ "aa/aa/evil.fit": "x", "fine.fit": "y" }), "aa/aa/evil.fit", "../../evil.fit");
    expect(summary(await walk(zip))).toEqual(["upload.zip/../../evil.fit: path_traversal", "upload.zip/fine.fit"]);
    expect(isUnsafePath("/etc/passwd")).toBe(true);
    expect(isUnsafePath("C:\\\\evil.fit")).toBe(true);
    expect(isUnsafePath("a/..\\\\..\\\\b")).toBe(true);
    expect(isUnsafePath("activities/1.fit")).toBe(false);
  });

  it("reports a file that is not a zip at all as corrupt", async () => {
    await expect(walk(new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]))).rejects.toMatchObject({ reason: "corrupt" });
  });
});
