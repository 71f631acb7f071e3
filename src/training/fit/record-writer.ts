import { KIND_FLOAT32, KIND_SINT32, KIND_UINT16, KIND_UINT32, KIND_UINT8, readNumber, readSource } from "./base-types.js";
import type { Column } from "./record-columns.js";

/**
 * Writes record fields into their columns. This is the innermost loop of the decoder: tens of
 * thousands of records × a dozen or more fields per file.
 */

/** One record field: `(raw * multiplier) / divisor + addend` goes to `column` unless raw is invalid. */
export class RecordFieldOp {
  constructor(
    readonly kind: number,
    readonly at: number,
    readonly column: Column,
    readonly multiplier: number,
    readonly divisor: number,
    readonly addend: number,
  ) {}
}

/**
 * A message's record ops grouped by how they are read. Each group's loop reads its fields the
 * same way, so the CPU never has to guess a per-field branch; measured at about twice the speed
 * of one loop that switches on each field's kind.
 */
export class RecordOpGroups {
  readonly uint8: RecordFieldOp[] = [];
  readonly uint16: RecordFieldOp[] = [];
  readonly uint32: RecordFieldOp[] = [];
  readonly sint32: RecordFieldOp[] = [];
  readonly float32: RecordFieldOp[] = [];
  /** Everything else (signed 8/16-bit, z types, big-endian, 64-bit), read through a switch. */
  readonly other: RecordFieldOp[] = [];

  static of(ops: readonly RecordFieldOp[]): RecordOpGroups {
    const groups = new RecordOpGroups();
    for (const op of ops) groups.#groupFor(op.kind).push(op);
    return groups;
  }

  #groupFor(kind: number): RecordFieldOp[] {
    switch (kind) {
      case KIND_UINT8:
        return this.uint8;
      case KIND_UINT16:
        return this.uint16;
      case KIND_UINT32:
        return this.uint32;
      case KIND_SINT32:
        return this.sint32;
      case KIND_FLOAT32:
        return this.float32;
      default:
        return this.other;
    }
  }
}

// The loops below index arrays instead of using for-of, whose implicit iterator-closing
// try/finally costs time here; every index is below the length, hence the `!`.

/** Writes the fields of the record at `at` (just after its header) into row `row`. */
export function writeRecordFields(view: DataView, at: number, row: number, groups: RecordOpGroups): void {
  const uint8 = groups.uint8;
  for (let i = 0; i < uint8.length; i++) {
    const op = uint8[i]!;
    const raw = view.getUint8(at + op.at);
    if (raw !== 0xff) op.column.values[row] = (raw * op.multiplier) / op.divisor + op.addend;
  }
  const uint16 = groups.uint16;
  for (let i = 0; i < uint16.length; i++) {
    const op = uint16[i]!;
    const raw = view.getUint16(at + op.at, true);
    if (raw !== 0xffff) op.column.values[row] = (raw * op.multiplier) / op.divisor + op.addend;
  }
  const uint32 = groups.uint32;
  for (let i = 0; i < uint32.length; i++) {
    const op = uint32[i]!;
    const raw = view.getUint32(at + op.at, true);
    if (raw !== 0xffffffff) op.column.values[row] = (raw * op.multiplier) / op.divisor + op.addend;
  }
  const sint32 = groups.sint32;
  for (let i = 0; i < sint32.length; i++) {
    const op = sint32[i]!;
    const raw = view.getInt32(at + op.at, true);
    if (raw !== 0x7fffffff) op.column.values[row] = (raw * op.multiplier) / op.divisor + op.addend;
  }
  const float32 = groups.float32;
  for (let i = 0; i < float32.length; i++) {
    const op = float32[i]!;
    const raw = view.getFloat32(at + op.at, true);
    if (raw === raw) op.column.values[row] = (raw * op.multiplier) / op.divisor + op.addend;
  }
  const other = groups.other;
  for (let i = 0; i < other.length; i++) {
    const op = other[i]!;
    const raw = readNumber(view, at + op.at, op.kind);
    if (raw === raw) op.column.values[row] = (raw * op.multiplier) / op.divisor + op.addend;
  }
}

/** Writes the fields of the record at `at` into row `row`, as {@link writeRecordFields} does. */
export type RecordWriter = (view: DataView, at: number, row: number) => void;

type WriterFactory = (read: typeof readNumber, ...columns: Column[]) => RecordWriter;

/** Factories by generated source: a file repeats its few record layouts, and so do files. */
const factories = new Map<string, WriterFactory>();
/** Bounds the cache for inputs that define many layouts. */
const MAX_FACTORIES = 256;

/**
 * One record layout compiled to straight-line code: each field's offset, read, invalid value and
 * scale are constants in the source, so the JIT sees no loop over ops, no op objects and no
 * per-field branch on the read kind. Field order, the invalid checks and the arithmetic are those
 * of {@link writeRecordFields} (same group order, so the same value wins when two fields share a
 * column), hence the same values. Only numbers from the schema and integer offsets from the
 * definition reach the source. Null when something cannot be written as a literal, or when code
 * generation is disabled in this process; the caller then keeps the loops.
 */
export function compileRecordWriter(groups: RecordOpGroups): RecordWriter | null {
  const ops = [...groups.uint8, ...groups.uint16, ...groups.uint32, ...groups.sint32, ...groups.float32, ...groups.other];
  const lines: string[] = [];
  for (let k = 0; k < ops.length; k++) {
    const op = ops[k]!;
    if (!Number.isInteger(op.at) || !Number.isInteger(op.kind)) return null;
    const scale = [op.multiplier, op.divisor, op.addend].map(literal);
    if (scale.includes(null)) return null;
    const [multiplier, divisor, addend] = scale as string[];
    const store = `if (CHECK) c${k}.values[row] = (r * ${multiplier}) / ${divisor} + ${addend};`;
    const read = readAndCheck(op.kind, op.at);
    lines.push(`r = ${read.read}; ${store.replace("CHECK", read.check)}`);
  }
  const body = `"use strict"; return function writeRecord(view, at, row) { let r; ${lines.join(" ")} };`;
  let factory = factories.get(body);
  if (!factory) {
    try {
      // The source is built above from numbers only (see the function's comment).
      // eslint-disable-next-line @typescript-eslint/no-implied-eval
      factory = new Function("read", ...ops.map((_, k) => `c${k}`), body) as WriterFactory;
    } catch {
      return null;
    }
    if (factories.size >= MAX_FACTORIES) factories.clear();
    factories.set(body, factory);
  }
  return factory(readNumber, ...ops.map((op) => op.column));
}

function readAndCheck(kind: number, at: number): { read: string; check: string } {
  return readSource(kind, `at + ${at}`) ?? { read: `read(view, at + ${at}, ${kind})`, check: "r === r" };
}

/** A finite number as source that evaluates to exactly it (shortest round-trip form), or null. */
function literal(value: number): string | null {
  if (!Number.isFinite(value)) return null;
  return Object.is(value, -0) ? "(-0)" : `(${String(value)})`;
}
