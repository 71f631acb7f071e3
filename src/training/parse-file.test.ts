import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { buildFitRun } from "../../test/support/runs.js";
import { buildSettingsFile } from "../../test/support/training/fit-fixtures.js";
import { RejectedFileError } from "./import/rejection.js";
import { parseTrainingFile, sniffFormat } from "./parse-file.js";

function reasonOf(bytes: Uint8Array | string): string {
  try {
    parseTrainingFile(typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes);
    return "parsed";
  } catch (error) {
    if (error instanceof RejectedFileError) return error.reason;
    throw error;
  }
}

const GPX = `<?xml version="1.0"?><gpx version="1.1" creator="t"><trk><type>running</type><trkseg>
<trkpt lat="53.3" lon="-6.2"><ele>10</ele><time>2026-01-01T07:00:00Z</time></trkpt>
<trkpt lat="53.301" lon="-6.2"><ele>12</ele><time>2026-01-01T07:00:30Z</time></trkpt></trkseg></trk></gpx>`;

describe("reading any training file", () => {
  it("recognises FIT, GPX and TCX by content, gzipped or not", () => {
    const fit = buildFitRun({ start: "2026-11-01T07:00:00Z" });
    expect(parseTrainingFile(fit).format).toBe("fit");
    expect(parseTrainingFile(gzipSync(fit)).format).toBe("fit");
    expect(parseTrainingFile(new TextEncoder().encode(GPX)).format).toBe("gpx");
    expect(parseTrainingFile(gzipSync(GPX)).format).toBe("gpx");
    expect(sniffFormat(new TextEncoder().encode('  <?xml version="1.0"?><TrainingCenterDatabase xmlns="x">'))).toBe("tcx");
  });

  it("names why a file is refused", () => {
    expect(reasonOf("")).toBe("empty");
    expect(reasonOf("just some notes")).toBe("unsupported_format");
    expect(reasonOf(buildSettingsFile())).toBe("not_an_activity");
    expect(reasonOf(new Uint8Array([14, 0x10, 0, 0, 0, 0, 0, 0, 0x2e, 0x46, 0x49, 0x54]))).not.toBe("parsed");
    expect(reasonOf(new Uint8Array([0x1f, 0x8b, 1, 2, 3]))).toBe("corrupt");
    expect(reasonOf('<?xml version="1.0"?><gpx version="1.1"></gpx>')).toBe("not_an_activity");
  });

  it("refuses gzip that expands past the size limit as a zip bomb", () => {
    const bomb = gzipSync(Buffer.alloc(130 * 1024 * 1024));
    expect(reasonOf(bomb)).toBe("zip_bomb");
    // Compressing and inflating 130 MB takes a few seconds on a busy two-core machine.
  }, 60_000);
});
