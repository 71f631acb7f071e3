/**
 * FIT base types and how to read one value of each straight from the bytes.
 *
 * A "read kind" folds base type and byte order into one small integer so the hot loop needs a
 * single switch, with constant endianness in every branch.
 */

export const BASE_TYPE_MASK = 0x1f;
export const BASE_TYPE_STRING = 0x07;

/** Byte size of each base type (index = base type number); 0 marks an unknown base type. */
const BASE_TYPE_SIZES = [1, 1, 1, 2, 2, 4, 4, 1, 4, 8, 1, 2, 4, 1, 8, 8, 8] as const;

export function baseTypeSize(baseType: number): number {
  return BASE_TYPE_SIZES[baseType] ?? 0;
}

// Little-endian read kinds; add BIG_ENDIAN for the big-endian variant.
export const KIND_UINT8 = 0; // enum, uint8, byte: invalid 0xFF
const KIND_SINT8 = 1;
const KIND_UINT8Z = 2;
export const KIND_UINT16 = 3;
const KIND_SINT16 = 4;
const KIND_UINT16Z = 5;
export const KIND_UINT32 = 6;
export const KIND_SINT32 = 7;
const KIND_UINT32Z = 8;
export const KIND_FLOAT32 = 9;
const KIND_FLOAT64 = 10;
const KIND_UINT64 = 11;
const KIND_SINT64 = 12;
const KIND_UINT64Z = 13;
export const BIG_ENDIAN = 16;

/** Read kind per base type number, little-endian; -1 for strings, which are not numbers. */
const KIND_BY_BASE_TYPE = [
  KIND_UINT8, // 0x00 enum
  KIND_SINT8, // 0x01 sint8
  KIND_UINT8, // 0x02 uint8
  KIND_SINT16, // 0x03 sint16
  KIND_UINT16, // 0x04 uint16
  KIND_SINT32, // 0x05 sint32
  KIND_UINT32, // 0x06 uint32
  -1, // 0x07 string
  KIND_FLOAT32, // 0x08 float32
  KIND_FLOAT64, // 0x09 float64
  KIND_UINT8Z, // 0x0a uint8z
  KIND_UINT16Z, // 0x0b uint16z
  KIND_UINT32Z, // 0x0c uint32z
  KIND_UINT8, // 0x0d byte
  KIND_SINT64, // 0x0e sint64
  KIND_UINT64, // 0x0f uint64
  KIND_UINT64Z, // 0x10 uint64z
] as const;

/** The read kind for a numeric base type in the given byte order, or -1 if it is not numeric. */
export function numericReadKind(baseType: number, littleEndian: boolean): number {
  const kind = KIND_BY_BASE_TYPE[baseType] ?? -1;
  if (kind < 0) return -1;
  return littleEndian ? kind : kind + BIG_ENDIAN;
}

const TWO_POW_32 = 4294967296;

/**
 * Reads one value; returns NaN for the base type's "invalid" sentinel (0xFF.., 0x7F.., 0 for the
 * z types, NaN floats) so callers need one check, `value === value`.
 * The caller guarantees `at` is in bounds.
 *
 * Only the kinds real records use most are handled here, which keeps the function small enough
 * for the JIT to inline into the decode loops; the rest go through {@link readAnyNumber}.
 */
export function readNumber(view: DataView, at: number, kind: number): number {
  let value: number;
  switch (kind) {
    case KIND_UINT8:
      value = view.getUint8(at);
      return value === 0xff ? NaN : value;
    case KIND_UINT16:
      value = view.getUint16(at, true);
      return value === 0xffff ? NaN : value;
    case KIND_UINT32:
      value = view.getUint32(at, true);
      return value === 0xffffffff ? NaN : value;
    case KIND_SINT32:
      value = view.getInt32(at, true);
      return value === 0x7fffffff ? NaN : value;
    case KIND_FLOAT32:
      return view.getFloat32(at, true);
    default:
      return readAnyNumber(view, at, kind);
  }
}

/** {@link readNumber} for every kind. */
function readAnyNumber(view: DataView, at: number, kind: number): number {
  let value: number;
  switch (kind) {
    case KIND_UINT8:
    case KIND_UINT8 + BIG_ENDIAN:
      value = view.getUint8(at);
      return value === 0xff ? NaN : value;
    case KIND_SINT8:
    case KIND_SINT8 + BIG_ENDIAN:
      value = view.getInt8(at);
      return value === 0x7f ? NaN : value;
    case KIND_UINT8Z:
    case KIND_UINT8Z + BIG_ENDIAN:
      value = view.getUint8(at);
      return value === 0 ? NaN : value;
    case KIND_UINT16:
      value = view.getUint16(at, true);
      return value === 0xffff ? NaN : value;
    case KIND_UINT16 + BIG_ENDIAN:
      value = view.getUint16(at, false);
      return value === 0xffff ? NaN : value;
    case KIND_SINT16:
      value = view.getInt16(at, true);
      return value === 0x7fff ? NaN : value;
    case KIND_SINT16 + BIG_ENDIAN:
      value = view.getInt16(at, false);
      return value === 0x7fff ? NaN : value;
    case KIND_UINT16Z:
      value = view.getUint16(at, true);
      return value === 0 ? NaN : value;
    case KIND_UINT16Z + BIG_ENDIAN:
      value = view.getUint16(at, false);
      return value === 0 ? NaN : value;
    case KIND_UINT32:
      value = view.getUint32(at, true);
      return value === 0xffffffff ? NaN : value;
    case KIND_UINT32 + BIG_ENDIAN:
      value = view.getUint32(at, false);
      return value === 0xffffffff ? NaN : value;
    case KIND_SINT32:
      value = view.getInt32(at, true);
      return value === 0x7fffffff ? NaN : value;
    case KIND_SINT32 + BIG_ENDIAN:
      value = view.getInt32(at, false);
      return value === 0x7fffffff ? NaN : value;
    case KIND_UINT32Z:
      value = view.getUint32(at, true);
      return value === 0 ? NaN : value;
    case KIND_UINT32Z + BIG_ENDIAN:
      value = view.getUint32(at, false);
      return value === 0 ? NaN : value;
    case KIND_FLOAT32:
      return view.getFloat32(at, true);
    case KIND_FLOAT32 + BIG_ENDIAN:
      return view.getFloat32(at, false);
    case KIND_FLOAT64:
      return view.getFloat64(at, true);
    case KIND_FLOAT64 + BIG_ENDIAN:
      return view.getFloat64(at, false);
    default:
      return readWideInteger(view, at, kind);
  }
}

/** 64-bit integers, read as the nearest double: none of the fields we keep needs more precision. */
function readWideInteger(view: DataView, at: number, kind: number): number {
  const littleEndian = kind < BIG_ENDIAN;
  const baseKind = littleEndian ? kind : kind - BIG_ENDIAN;
  const low = view.getUint32(littleEndian ? at : at + 4, littleEndian);
  const high = view.getUint32(littleEndian ? at + 4 : at, littleEndian);
  switch (baseKind) {
    case KIND_UINT64:
      return high === 0xffffffff && low === 0xffffffff ? NaN : high * TWO_POW_32 + low;
    case KIND_UINT64Z:
      return high === 0 && low === 0 ? NaN : high * TWO_POW_32 + low;
    case KIND_SINT64:
      if (high === 0x7fffffff && low === 0xffffffff) return NaN;
      return (high | 0) * TWO_POW_32 + low;
    default:
      return NaN;
  }
}
