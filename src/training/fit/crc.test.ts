import { CrcCalculator } from "@garmin/fitsdk";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fitCrc } from "./crc.js";

describe("fitCrc", () => {
  it("matches Garmin's CRC for any bytes and any range", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(), fc.nat(), (bytes, a, b) => {
        const start = bytes.length === 0 ? 0 : a % bytes.length;
        const end = start + (bytes.length === 0 ? 0 : b % (bytes.length - start + 1));
        expect(fitCrc(bytes, start, end)).toBe(CrcCalculator.calculateCRC(bytes, start, end));
      }),
      { numRuns: 300 },
    );
  });

  it("matches Garmin's CRC over ranges that span several of the WebAssembly loop's windows, and continues across a split", () => {
    fc.assert(
      fc.property(fc.integer({ min: 250, max: 200_000 }), fc.nat(), fc.nat(), fc.nat(), (length, seed, skip, split) => {
        const bytes = new Uint8Array(length);
        let x = seed | 1;
        for (let i = 0; i < length; i++) {
          x ^= x << 13;
          x ^= x >>> 17;
          x ^= x << 5;
          bytes[i] = x & 0xff;
        }
        const start = skip % 40;
        const expected = CrcCalculator.calculateCRC(bytes, start, length);
        expect(fitCrc(bytes, start, length)).toBe(expected);
        const middle = start + (split % (length - start));
        expect(fitCrc(bytes, middle, length, fitCrc(bytes, start, middle))).toBe(expected);
      }),
      { numRuns: 25 },
    );
  });

  it("gives 0 over a whole file including its own CRC", () => {
    const body = new TextEncoder().encode("123456789");
    const crc = fitCrc(body, 0, body.length);
    expect(crc).toBe(0xbb3d); // CRC-16/ARC check value
    expect(fitCrc(Uint8Array.from([...body, crc & 0xff, crc >> 8]), 0, body.length + 2)).toBe(0);
  });
});
