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

  it("gives 0 over a whole file including its own CRC", () => {
    const body = new TextEncoder().encode("123456789");
    const crc = fitCrc(body, 0, body.length);
    expect(crc).toBe(0xbb3d); // CRC-16/ARC check value
    expect(fitCrc(Uint8Array.from([...body, crc & 0xff, crc >> 8]), 0, body.length + 2)).toBe(0);
  });
});
