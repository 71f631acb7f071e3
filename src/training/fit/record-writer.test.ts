import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { numericReadKind } from "./base-types.js";
import type { Column } from "./record-columns.js";
import { compileRecordWriter, RecordFieldOp, RecordOpGroups, writeRecordFields } from "./record-writer.js";

/** Every numeric base type (number, size); each is tried in both byte orders. */
const BASE_TYPES: readonly (readonly [number, number])[] = [
  [0x00, 1],
  [0x01, 1],
  [0x02, 1],
  [0x03, 2],
  [0x04, 2],
  [0x05, 4],
  [0x06, 4],
  [0x08, 4],
  [0x09, 8],
  [0x0a, 1],
  [0x0b, 2],
  [0x0c, 4],
  [0x0d, 1],
  [0x0e, 8],
  [0x0f, 8],
  [0x10, 8],
];

const COLUMNS = 4;
const ROWS = 3;
const RECORD_STRIDE = 8;

const field = fc.record({
  type: fc.constantFrom(...BASE_TYPES),
  littleEndian: fc.boolean(),
  multiplier: fc.constantFrom(1, 2, 1000),
  divisor: fc.constantFrom(1, 5, 100, 11930464.7111),
  addend: fc.constantFrom(0, -0, -500, 0.25),
  column: fc.nat(COLUMNS - 1),
});

function columns(): Column[] {
  return Array.from({ length: COLUMNS }, () => ({ values: new Float64Array(ROWS).fill(NaN), allocated: true }));
}

describe("compiled record writer", () => {
  it("writes exactly what the generic loops write: every read kind, scale, invalid value and shared column", () => {
    fc.assert(
      fc.property(fc.array(field, { minLength: 1, maxLength: 12 }), fc.uint8Array({ minLength: 128, maxLength: 128 }), (fields, bytes) => {
        let at = 0;
        const layout = fields.map((f) => {
          const offset = at;
          at += f.type[1];
          return { ...f, kind: numericReadKind(f.type[0], f.littleEndian), offset };
        });
        const groupsFor = (target: Column[]) =>
          RecordOpGroups.of(layout.map((f) => new RecordFieldOp(f.kind, f.offset, target[f.column]!, f.multiplier, f.divisor, f.addend)));
        const generic = columns();
        const compiled = columns();
        const genericGroups = groupsFor(generic);
        const writer = compileRecordWriter(groupsFor(compiled));
        expect(writer).not.toBeNull();
        const view = new DataView(bytes.buffer);
        for (let row = 0; row < ROWS; row++) {
          writeRecordFields(view, row * RECORD_STRIDE, row, genericGroups);
          writer!(view, row * RECORD_STRIDE, row);
        }
        for (let c = 0; c < COLUMNS; c++) {
          for (let row = 0; row < ROWS; row++) expect(Object.is(compiled[c]!.values[row], generic[c]!.values[row])).toBe(true);
        }
      }),
    );
  });

  it("reads a column's current array on every record, so growing the column is safe", () => {
    const column: Column = { values: new Float64Array(1).fill(NaN), allocated: true };
    const writer = compileRecordWriter(RecordOpGroups.of([new RecordFieldOp(numericReadKind(0x02, true), 0, column, 1, 1, 0)]))!;
    const view = new DataView(new Uint8Array([7, 9]).buffer);
    writer(view, 0, 0);
    column.values = new Float64Array(2).fill(NaN);
    writer(view, 1, 1);
    expect(Array.from(column.values)).toEqual([NaN, 9]);
  });
});
