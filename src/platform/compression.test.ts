import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { TextTemplate } from "./compression.js";

describe("a text template", () => {
  const template = new TextTemplate(`<p>Hill &#38; Trail — é</p>\n`.repeat(40), `<fieldset>ü 0–10</fieldset>\n`.repeat(120));

  it("gzips to exactly its text, whatever stands between the fixed parts", () => {
    for (const middle of ["", "a", "t".repeat(43), "ü€".repeat(300)]) {
      const zipped = template.gzip(middle);
      expect(gunzipSync(zipped).toString("utf8")).toBe(template.text(middle));
    }
  });

  it("compresses the fixed parts", () => {
    expect(template.gzip("t".repeat(43)).byteLength).toBeLessThan(Buffer.byteLength(template.text("t".repeat(43))) / 4);
  });
});
