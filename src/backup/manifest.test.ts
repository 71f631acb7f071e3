import { describe, expect, it } from "vitest";
import { blobEntryName, isBlobEntry, isKnownEntryName, manifestSchema } from "./manifest.js";

const SHA = "ab".repeat(32);

describe("backup entry names", () => {
  it("accepts the database, the auth secret and blob files in the blob store's layout", () => {
    expect(isKnownEntryName("database/palpable.sqlite")).toBe(true);
    expect(isKnownEntryName("database/palpable.pgdump")).toBe(true);
    expect(isKnownEntryName("auth-secret")).toBe(true);
    expect(blobEntryName("prac-1", SHA)).toBe(`blobs/prac-1/ab/${SHA}`);
    expect(isKnownEntryName(blobEntryName("prac-1", SHA))).toBe(true);
    expect(isBlobEntry(blobEntryName("prac-1", SHA))).toBe(true);
  });

  it("rejects names that could land outside the data dir or do not fit the layout", () => {
    for (const name of [
      `blobs/../ab/${SHA}`,
      `blobs/prac-1/cd/${SHA}`,
      `/etc/passwd`,
      `../palpable.sqlite`,
      `database/../../x`,
      `blobs/prac-1/ab/${SHA}/x`,
      `blobs/prac 1/ab/${SHA}`,
    ]) {
      expect(isKnownEntryName(name), name).toBe(false);
    }
  });

  it("names the manifest field that is wrong", () => {
    const parsed = manifestSchema.safeParse({
      formatVersion: 1,
      palpableVersion: "0.1.0",
      createdAt: "2026-11-28T12:00:00.000Z",
      databaseKind: "sqlite",
      migrations: [],
      tableRowCounts: {},
      blobCount: 0,
      entries: [{ name: "../x", sha256: SHA, sizeBytes: 1 }],
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(["entries", 0, "name"]);
  });
});
