import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CSV_BOM, csvDocument, csvField, csvLine, neutraliseFormula, type CsvCell } from "./csv.js";

const DANGEROUS_START = /^[=+\-@\t\r]/;

function parseDocument(text: string): string[][] {
  expect(text.startsWith(CSV_BOM)).toBe(true);
  const rows: string[][] = parse(text.slice(CSV_BOM.length));
  return rows;
}

describe("csvField", () => {
  it.each([
    ['=HYPERLINK("http://evil.example","click")', `"'=HYPERLINK(""http://evil.example"",""click"")"`],
    ["+1+1", "'+1+1"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1:A2)", "'@SUM(A1:A2)"],
    ["\tTAB", "'\tTAB"],
    ["\r=1", `"'\r=1"`],
    ["plain", "plain"],
    ["a, b", `"a, b"`],
    ['say "hi"', `"say ""hi"""`],
    ["line\nbreak", `"line\nbreak"`],
    ["Zoë ☺", "Zoë ☺"],
    ["", ""],
  ])("writes the text %j as %j", (text, expected) => {
    expect(csvField(text)).toBe(expected);
  });

  it.each([
    [-2, "-2"],
    [-0.5, "-0.5"],
    [0, "0"],
    [42.25, "42.25"],
    [Number.NaN, ""],
    [Number.POSITIVE_INFINITY, ""],
    [null, ""],
  ])("writes the number %j as %j, keeping negative numbers numeric", (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it("treats a negative number that arrives as text as text", () => {
    expect(csvField("-2")).toBe("'-2");
  });
});

describe("csvDocument", () => {
  it("starts with the byte-order mark, ends every record with CRLF and keeps one row per record", () => {
    const text = csvDocument({
      header: ["a", "b"],
      rows: [
        ["x", 1],
        ["multi\nline", null],
      ],
    });
    expect(text).toBe(`${CSV_BOM}a,b\r\nx,1\r\n"multi\nline",\r\n`);
    expect(parseDocument(text)).toEqual([
      ["a", "b"],
      ["x", "1"],
      ["multi\nline", ""],
    ]);
  });

  it("round-trips any text through a CSV parser, neutralised exactly when it could be a formula", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string({ unit: "grapheme", maxLength: 12 }), { minLength: 3, maxLength: 3 }), { maxLength: 8 }),
        (rows) => {
          const parsed = parseDocument(csvDocument({ header: ["x", "y", "z"], rows }));
          expect(parsed.slice(1)).toEqual(rows.map((row) => row.map((cell) => (DANGEROUS_START.test(cell) ? `'${cell}` : cell))));
        },
      ),
    );
  });

  it("never lets a parsed text cell start with a formula character", () => {
    const formulaLike = fc
      .tuple(fc.constantFrom("=", "+", "-", "@", "\t", "\r"), fc.string({ maxLength: 20 }))
      .map(([start, rest]) => start + rest);
    fc.assert(
      fc.property(fc.array(fc.oneof(formulaLike, fc.string({ maxLength: 20 })), { minLength: 1, maxLength: 6 }), (cells) => {
        const [, row] = parseDocument(csvDocument({ header: cells.map((_, i) => `c${i}`), rows: [cells] }));
        for (const cell of row ?? []) expect(cell).not.toMatch(DANGEROUS_START);
      }),
    );
  });

  it("writes finite numbers so that they parse back to the same number", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 5 }), (numbers) => {
        const cells: CsvCell[] = numbers;
        const line = csvLine(cells);
        const rows: string[][] = parse(line);
        const [row] = rows;
        expect(row?.map(Number)).toEqual(numbers.map((n) => (Object.is(n, -0) ? 0 : n)));
      }),
    );
  });
});

describe("neutraliseFormula", () => {
  it("leaves safe text alone and prefixes each dangerous start once", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const out = neutraliseFormula(text);
        expect(out === text || out === `'${text}`).toBe(true);
        expect(out.startsWith("'") && !text.startsWith("'")).toBe(DANGEROUS_START.test(text));
      }),
    );
  });
});
