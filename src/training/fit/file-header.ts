import { fitCrc } from "./crc.js";

/** The 12- or 14-byte header that starts every FIT file (and every file chained after it). */
export interface FitFileHeader {
  readonly headerSize: number;
  readonly protocolVersion: number;
  readonly profileVersion: number;
  /** Bytes of messages between the header and the 2-byte file CRC. */
  readonly dataSize: number;
  /** False when the header carries a non-zero CRC that does not match. */
  readonly headerCrcOk: boolean;
}

export type HeaderReading =
  | { readonly kind: "ok"; readonly header: FitFileHeader }
  | { readonly kind: "too_short" }
  | { readonly kind: "no_signature" }
  | { readonly kind: "bad_size"; readonly headerSize: number };

const MIN_HEADER_SIZE = 12;
const SIGNATURE = [0x2e, 0x46, 0x49, 0x54] as const; // ".FIT"

/** Reads the file header at `offset` without trusting any of it. */
export function readFileHeader(bytes: Uint8Array, offset: number): HeaderReading {
  if (bytes.length - offset < MIN_HEADER_SIZE) return { kind: "too_short" };
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, MIN_HEADER_SIZE);
  for (let i = 0; i < SIGNATURE.length; i++) {
    if (view.getUint8(8 + i) !== SIGNATURE[i]) return { kind: "no_signature" };
  }
  const headerSize = view.getUint8(0);
  // The spec allows headers longer than 14 bytes; anything shorter than 12 cannot be parsed.
  if (headerSize < MIN_HEADER_SIZE) return { kind: "bad_size", headerSize };
  if (bytes.length - offset < headerSize) return { kind: "too_short" };

  let headerCrcOk = true;
  if (headerSize >= 14) {
    const stored = bytes[offset + 12]! | (bytes[offset + 13]! << 8);
    // A zero header CRC means "not computed", which the spec allows.
    headerCrcOk = stored === 0 || stored === fitCrc(bytes, offset, offset + 12);
  }
  return {
    kind: "ok",
    header: {
      headerSize,
      protocolVersion: view.getUint8(1),
      profileVersion: view.getUint16(2, true),
      dataSize: view.getUint32(4, true),
      headerCrcOk,
    },
  };
}
