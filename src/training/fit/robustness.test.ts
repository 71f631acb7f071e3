import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BASE, buildRun, FitBytes, fitSeconds, le, RUN_START } from "../../../test/support/training/fit-fixtures.js";
import { FitParseError, parseFit, type FitParseResult } from "./index.js";

/**
 * parseFit on damaged input must return or throw a FitParseError — never anything else, never
 * hang (the test timeout would catch it), never hold more rows than bytes.
 */

const RECORD = 20;

const SEEDS = [
  buildRun({ records: 40, developerFields: true, gaps: true }),
  new FitBytes()
    .define(15, 0, [[0, 1, BASE.enum]])
    .data(15, [4])
    .define(0, RECORD, [
      [253, 4, BASE.uint32],
      [3, 1, BASE.uint8],
    ])
    .define(
      1,
      RECORD,
      [
        [3, 1, BASE.uint8],
        [8, 3, BASE.byte],
      ],
      { bigEndian: true },
    )
    .data(0, le.u32(fitSeconds(RUN_START)), [120])
    .compressed(1, 3, [121], [10, 20, 30])
    .compressed(1, 9, [122], [11, 21, 31])
    .finish(),
];

type Mutation =
  | { kind: "flip"; at: number; mask: number }
  | { kind: "insert"; at: number; bytes: Uint8Array }
  | { kind: "delete"; at: number; length: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("flip" as const), at: fc.nat(), mask: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }) }),
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 16 }) }),
);

function mutate(seed: Uint8Array, mutations: readonly Mutation[], keep: number | null): Uint8Array {
  let bytes = seed.slice();
  for (const change of mutations) {
    const at = bytes.length === 0 ? 0 : change.at % bytes.length;
    switch (change.kind) {
      case "flip":
        if (bytes.length > 0) bytes[at]! ^= change.mask;
        break;
      case "insert":
        bytes = Uint8Array.from([...bytes.subarray(0, at), ...change.bytes, ...bytes.subarray(at)]);
        break;
      case "delete":
        bytes = Uint8Array.from([...bytes.subarray(0, at), ...bytes.subarray(at + change.length)]);
        break;
    }
  }
  return keep === null ? bytes : bytes.subarray(0, keep % (bytes.length + 1));
}

/** Runs parseFit and checks the only two acceptable outcomes. */
function expectReturnOrTypedError(bytes: Uint8Array): void {
  let result: FitParseResult;
  try {
    result = parseFit(bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(FitParseError);
    expect((error as FitParseError).code).not.toBe("internal_error");
    return;
  }
  const { records } = result.activity;
  expect(records.count).toBeLessThanOrEqual(bytes.length);
  for (const column of [records.timestamp, records.heartRate, records.distance, records.speed]) {
    if (column) expect(column.length).toBe(records.count);
  }
}

describe("parseFit on damaged input", () => {
  it("returns or throws FitParseError for flipped, inserted, deleted and truncated bytes", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SEEDS),
        fc.array(mutation, { minLength: 1, maxLength: 8 }),
        fc.option(fc.nat(), { nil: null }),
        (seed, mutations, keep) => expectReturnOrTypedError(mutate(seed, mutations, keep)),
      ),
      { numRuns: 300 },
    );
  });

  it("returns or throws FitParseError for random bytes after a valid start", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), (data) => {
        const file = new FitBytes()
          .define(15, 0, [[0, 1, BASE.enum]])
          .data(15, [4])
          .define(0, RECORD, [
            [253, 4, BASE.uint32],
            [3, 1, BASE.uint8],
          ])
          .raw(...data)
          .finish();
        expectReturnOrTypedError(file);
      }),
      { numRuns: 300 },
    );
  });

  it("throws FitParseError for random bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => expectReturnOrTypedError(bytes)),
      { numRuns: 300 },
    );
  });
});

describe("parseFit resource bounds", () => {
  it("trusts no declared size: a header claiming 4 GB of data is just truncated", () => {
    const file = buildRun({ records: 10 });
    new DataView(file.buffer, file.byteOffset).setUint32(4, 0xffffffff, true);

    const { activity, warnings } = parseFit(file);

    expect(activity.records.count).toBe(10);
    expect(warnings.map((warning) => warning.code)).toContain("truncated");
  });

  it("keeps record storage proportional to the bytes, even for one-byte records", () => {
    const writer = new FitBytes()
      .define(15, 0, [[0, 1, BASE.enum]])
      .data(15, [4])
      .define(0, RECORD, []);
    for (let i = 0; i < 20_000; i++) writer.data(0);
    const file = writer.finish();

    const { records } = parseFit(file).activity;

    expect(records.count).toBe(20_000);
    expect(records.timestamp?.buffer.byteLength).toBeLessThanOrEqual(8 * file.length * 1.25);
  });

  it("reads a definition with 255 empty fields without per-message work on them", () => {
    const fields = Array.from({ length: 255 }, (_, i) => [i, 0, BASE.uint8] as const);
    const writer = new FitBytes()
      .define(15, 0, [[0, 1, BASE.enum]])
      .data(15, [4])
      .define(0, RECORD, fields);
    for (let i = 0; i < 10_000; i++) writer.data(0);

    expect(parseFit(writer.finish()).activity.records.count).toBe(10_000);
  });
});
