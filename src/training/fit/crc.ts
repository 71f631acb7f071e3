/**
 * The FIT CRC (CRC-16/ARC: reflected polynomial 0xA001, initial value 0), computed eight bytes at
 * a time ("slicing by 8") because it runs over every byte of every file.
 */

/** Table k (at offset 256·k) advances the CRC of a byte followed by k zero bytes. */
const TABLES = buildSlicingTables(8);

function buildSlicingTables(count: number): Uint16Array {
  const tables = new Uint16Array(256 * count);
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

/** CRC of `bytes[start, end)`, continuing from `crc` (0 for a fresh computation). */
export function fitCrc(bytes: Uint8Array, start: number, end: number, crc = 0): number {
  const t = TABLES;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = start;
  // Every table index is a byte (or a byte offset by a multiple of 256), hence the assertions.
  for (const stop = end - 7; at < stop; at += 8) {
    const low = view.getUint32(at, true) ^ crc;
    const high = view.getUint32(at + 4, true);
    crc =
      t[1792 + (low & 0xff)]! ^
      t[1536 + ((low >>> 8) & 0xff)]! ^
      t[1280 + ((low >>> 16) & 0xff)]! ^
      t[1024 + (low >>> 24)]! ^
      t[768 + (high & 0xff)]! ^
      t[512 + ((high >>> 8) & 0xff)]! ^
      t[256 + ((high >>> 16) & 0xff)]! ^
      t[high >>> 24]!;
  }
  for (; at < end; at++) crc = (crc >>> 8) ^ t[(crc ^ bytes[at]!) & 0xff]!;
  return crc;
}
