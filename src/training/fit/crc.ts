/**
 * The FIT CRC (CRC-16/ARC: reflected polynomial 0xA001, initial value 0), computed sixteen bytes
 * at a time ("slicing by 16") because it runs over every byte of every file. Long ranges run in a
 * small WebAssembly loop (crcWasm below), about twice the speed of the same loop in JavaScript,
 * whose table reads each pay a bounds check; short ones (a header's 12 bytes) stay in JavaScript.
 */

const SLICES = 16;

/** Table k (at offset 256·k) gives the CRC contribution of a byte followed by k zero bytes. */
const TABLES = buildSlicingTables();

function buildSlicingTables(): Uint16Array {
  const tables = new Uint16Array(256 * SLICES);
  for (let byte = 0; byte < 256; byte++) {
    let crc = byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xa001 : crc >>> 1;
    tables[byte] = crc;
  }
  for (let i = 256; i < tables.length; i++) {
    const previous = tables[i - 256]!;
    tables[i] = (previous >>> 8) ^ tables[previous & 0xff]!;
  }
  return tables;
}

/** Ranges at least this long go through WebAssembly; below it, copying them in costs more than it saves. */
const WASM_MIN_BYTES = 256;

/** CRC of `bytes[start, end)`, continuing from `crc` (0 for a fresh computation). */
export function fitCrc(bytes: Uint8Array, start: number, end: number, crc = 0): number {
  if (end - start >= WASM_MIN_BYTES && wasm !== null) return crcWasm(wasm, bytes, start, end, crc);
  return crcJs(bytes, start, end, crc);
}

function crcJs(bytes: Uint8Array, start: number, end: number, crc: number): number {
  const t = TABLES;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = start;
  // Every table index is a byte plus a multiple of 256, so always in bounds, hence the `!`.
  for (const stop = end - 15; at < stop; at += 16) {
    const a = view.getUint32(at, true) ^ crc;
    const b = view.getUint32(at + 4, true);
    const c = view.getUint32(at + 8, true);
    const d = view.getUint32(at + 12, true);
    crc =
      t[3840 + (a & 0xff)]! ^
      t[3584 + ((a >>> 8) & 0xff)]! ^
      t[3328 + ((a >>> 16) & 0xff)]! ^
      t[3072 + (a >>> 24)]! ^
      t[2816 + (b & 0xff)]! ^
      t[2560 + ((b >>> 8) & 0xff)]! ^
      t[2304 + ((b >>> 16) & 0xff)]! ^
      t[2048 + (b >>> 24)]! ^
      t[1792 + (c & 0xff)]! ^
      t[1536 + ((c >>> 8) & 0xff)]! ^
      t[1280 + ((c >>> 16) & 0xff)]! ^
      t[1024 + (c >>> 24)]! ^
      t[768 + (d & 0xff)]! ^
      t[512 + ((d >>> 8) & 0xff)]! ^
      t[256 + ((d >>> 16) & 0xff)]! ^
      t[d >>> 24]!;
  }
  for (; at < end; at++) crc = (crc >>> 8) ^ t[(crc ^ bytes[at]!) & 0xff]!;
  return crc;
}

// WebAssembly memory: the tables (16 × 256 little-endian uint16) at 0, then a window the input is
// copied into CHUNK bytes at a time, so the memory stays two pages whatever the file's size.
const TABLE_BYTES = 2 * 256 * SLICES;
const CHUNK = 65_536;
const PAGES = 2;

interface CrcModule {
  readonly crc: (start: number, end: number, crc: number) => number;
  readonly window: Uint8Array;
}

function crcWasm(module: CrcModule, bytes: Uint8Array, start: number, end: number, crc: number): number {
  for (let at = start; at < end; at += CHUNK) {
    const length = Math.min(CHUNK, end - at);
    module.window.set(bytes.subarray(at, at + length));
    crc = module.crc(TABLE_BYTES, TABLE_BYTES + length, crc);
  }
  return crc;
}

/** Null where WebAssembly cannot run (it always can on Node): the JavaScript loop then does all. */
function loadCrcModule(): CrcModule | null {
  if (typeof WebAssembly !== "object") return null;
  const instance = new WebAssembly.Instance(new WebAssembly.Module(crcModuleBytes()));
  const memory = instance.exports.memory as WebAssembly.Memory;
  const tables = new DataView(memory.buffer, 0, TABLE_BYTES);
  for (let i = 0; i < TABLES.length; i++) tables.setUint16(2 * i, TABLES[i]!, true);
  return {
    crc: instance.exports.crc as (start: number, end: number, crc: number) => number,
    window: new Uint8Array(memory.buffer, TABLE_BYTES, CHUNK),
  };
}

// Opcodes used by the module (WebAssembly 1.0 binary format).
const OP = {
  block: 0x02,
  loop: 0x03,
  end: 0x0b,
  br: 0x0c,
  brIf: 0x0d,
  localGet: 0x20,
  localSet: 0x21,
  i32Load: 0x28,
  i32Load8U: 0x2d,
  i32Load16U: 0x2f,
  i32Const: 0x41,
  i32Eqz: 0x45,
  i32LtS: 0x48,
  i32Add: 0x6a,
  i32Sub: 0x6b,
  i32And: 0x71,
  i32Xor: 0x73,
  i32Shl: 0x74,
  i32ShrU: 0x76,
  void: 0x40,
  i32: 0x7f,
} as const;

/**
 * The module, assembled here so its source is readable. One exported function, in the text format:
 *   (func (export "crc") (param $at i32) (param $end i32) (param $crc i32) (result i32)
 *     ;; sixteen bytes at a time while at < end − 15, exactly as crcJs
 *     ;; then byte by byte: crc = (crc >>> 8) ^ table0[(crc ^ byte) & 0xff]
 *     (local.get $crc))
 * and its memory exported as "memory".
 */
function crcModuleBytes(): Uint8Array<ArrayBuffer> {
  const AT = 0;
  const END = 1;
  const CRC = 2;
  const A = 3; // A..D: the four words of the current sixteen bytes
  const STOP = 7;
  const code: number[] = [];
  const emit = (...bytes: number[]) => code.push(...bytes);
  const i32Const = (value: number) => emit(OP.i32Const, ...signedLeb(value));
  const load = (op: number, alignLog2: number, offset: number) => emit(op, alignLog2, ...unsignedLeb(offset));
  /** table[slice][(word >>> shift) & 0xff], each entry two bytes. */
  const lookup = (word: number, shift: number, slice: number) => {
    emit(OP.localGet, word);
    if (shift === 0) emit(OP.i32Const, 1, OP.i32Shl);
    else emit(OP.i32Const, shift - 1, OP.i32ShrU);
    i32Const(0x1fe);
    emit(OP.i32And);
    load(OP.i32Load16U, 1, 512 * slice);
  };

  emit(OP.localGet, END);
  i32Const(15);
  emit(OP.i32Sub, OP.localSet, STOP);
  emit(OP.block, OP.void, OP.loop, OP.void);
  emit(OP.localGet, AT, OP.localGet, STOP, OP.i32LtS, OP.i32Eqz, OP.brIf, 1);
  emit(OP.localGet, AT);
  load(OP.i32Load, 0, 0);
  emit(OP.localGet, CRC, OP.i32Xor, OP.localSet, A);
  for (let w = 1; w < 4; w++) {
    emit(OP.localGet, AT);
    load(OP.i32Load, 0, 4 * w);
    emit(OP.localSet, A + w);
  }
  for (let byte = 0; byte < 16; byte++) {
    lookup(A + (byte >> 2), 8 * (byte & 3), 15 - byte);
    if (byte > 0) emit(OP.i32Xor);
  }
  emit(OP.localSet, CRC);
  emit(OP.localGet, AT);
  i32Const(16);
  emit(OP.i32Add, OP.localSet, AT, OP.br, 0, OP.end, OP.end);

  emit(OP.block, OP.void, OP.loop, OP.void);
  emit(OP.localGet, AT, OP.localGet, END, OP.i32LtS, OP.i32Eqz, OP.brIf, 1);
  emit(OP.localGet, CRC);
  i32Const(8);
  emit(OP.i32ShrU, OP.localGet, CRC, OP.localGet, AT);
  load(OP.i32Load8U, 0, 0);
  emit(OP.i32Xor);
  i32Const(0xff);
  emit(OP.i32And);
  i32Const(1);
  emit(OP.i32Shl);
  load(OP.i32Load16U, 1, 0);
  emit(OP.i32Xor, OP.localSet, CRC);
  emit(OP.localGet, AT);
  i32Const(1);
  emit(OP.i32Add, OP.localSet, AT, OP.br, 0, OP.end, OP.end);
  emit(OP.localGet, CRC, OP.end);

  const body = [1, 5, OP.i32, ...code]; // one group of five i32 locals (A, B, C, D, STOP)
  const name = (text: string) => [text.length, ...new TextEncoder().encode(text)];
  const section = (id: number, content: number[]) => [id, ...unsignedLeb(content.length), ...content];
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, [1, 0x60, 3, OP.i32, OP.i32, OP.i32, 1, OP.i32]), // type: (i32, i32, i32) -> i32
    ...section(3, [1, 0]), // one function of that type
    ...section(5, [1, 0, PAGES]), // one memory, PAGES pages, no maximum
    ...section(7, [2, ...name("crc"), 0, 0, ...name("memory"), 2, 0]),
    ...section(10, [1, ...unsignedLeb(body.length), ...body]),
  ]);
}

function unsignedLeb(value: number): number[] {
  const out: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    out.push(byte);
  } while (value !== 0);
  return out;
}

function signedLeb(value: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = value & 0x7f;
    value >>= 7;
    const done = (value === 0 && (byte & 0x40) === 0) || (value === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

// Last, once the opcodes and helpers above are initialised.
const wasm = loadCrcModule();
