import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { medianSmooth } from "./elevation.js";
import { WindowPercentile } from "./window-percentile.js";
import { weightedPercentile } from "./numbers.js";

type Block = { values: number[]; weights: number[] };

/**
 * The window percentile as it was computed before windows slid: a fresh histogram of the whole
 * window for every query, then the crossing bucket's values sorted. The sliding one must give
 * the very same number, whatever the weights.
 */
function freshWindowPercentile(blocks: readonly Block[], first: number, last: number, p: number): number {
  const bucketOf = (v: number) => (Number.isFinite(v) ? Math.min(1500, Math.max(0, Math.floor(v / 0.01))) : 0);
  const histogram = new Float64Array(1501);
  let total = 0;
  for (let b = first; b <= last; b++) {
    const block = blocks[b]!;
    for (let k = 0; k < block.values.length; k++) {
      const bucket = bucketOf(block.values[k]!);
      histogram[bucket] = histogram[bucket]! + block.weights[k]!;
      total += block.weights[k]!;
    }
  }
  const target = p * total;
  let seen = 0;
  let crossing = -1;
  for (let i = 0; i < histogram.length; i++) {
    const h = histogram[i]!;
    if (h > 0 && seen + h >= target) {
      crossing = i;
      break;
    }
    seen += h;
  }
  if (crossing < 0) return Number.NaN;
  const inBucket: [number, number][] = [];
  for (let b = first; b <= last; b++) {
    const block = blocks[b]!;
    block.values.forEach((v, k) => {
      if (bucketOf(v) === crossing) inBucket.push([v, block.weights[k]!]);
    });
  }
  inBucket.sort((a, b) => a[0] - b[0]);
  for (const [value, weight] of inBucket) {
    seen += weight;
    if (seen >= target) return value;
  }
  return inBucket.at(-1)?.[0] ?? Number.NaN;
}

/** Windows as the reference speeds ask for them: both edges only move forward, by any steps. */
const forwardWindows = (blockCount: number) =>
  fc.array(fc.tuple(fc.nat({ max: 3 }), fc.nat({ max: 3 })), { minLength: 1, maxLength: 3 * blockCount }).map((steps) => {
    const windows: [number, number][] = [];
    let first = 0;
    let last = 0;
    for (const [dLast, dFirst] of steps) {
      last = Math.min(blockCount - 1, last + dLast);
      first = Math.min(last, first + dFirst);
      windows.push([first, last]);
    }
    return windows;
  });

/** Speeds as smoothing makes them (any double), on a coarse grid (many ties), and a few past the 15 m/s top. */
const speeds = fc.oneof(
  fc.double({ min: 0, max: 16, noNaN: true }),
  fc.integer({ min: 250, max: 320 }).map((v) => v / 100),
  fc.integer({ min: 2900, max: 3000 }).map((v) => v / 1000),
  fc.constantFrom(0, 15, 15.0001, 40, 1e12),
);

describe("fast window statistics", () => {
  it("WindowPercentile equals weightedPercentile over the concatenated blocks", () => {
    const block = fc.array(fc.tuple(fc.integer({ min: 0, max: 800 }), fc.integer({ min: 1, max: 5 })), { maxLength: 40 });
    fc.assert(
      fc.property(fc.array(block, { minLength: 1, maxLength: 8 }), fc.double({ min: 0.05, max: 0.95, noNaN: true }), (raw, p) => {
        const blocks = raw.map((pairs) => ({ values: pairs.map(([v]) => v / 100), weights: pairs.map(([, w]) => w) }));
        const windowed = WindowPercentile.fromBlocks(blocks);
        for (let first = 0; first < blocks.length; first++) {
          const last = Math.min(blocks.length - 1, first + 2);
          const near = blocks.slice(first, last + 1);
          const expected = weightedPercentile(
            near.flatMap((b) => b.values),
            near.flatMap((b) => b.weights),
            p,
          );
          const actual = windowed.of(first, last, p);
          if (Number.isNaN(expected)) expect(actual).toBeNaN();
          else expect(actual).toBe(expected);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("a sliding window gives what a fresh count of the same window gives, for steps in whole, quarter or tenth seconds", () => {
    // One recording interval per file: whole seconds and quarters slide, tenths are counted afresh.
    const input = fc
      .constantFrom(1, 4, 10)
      .chain((perSecond) => {
        const weight = fc.integer({ min: 0, max: 10 * perSecond }).map((w) => w / perSecond);
        return fc.array(fc.array(fc.tuple(speeds, weight), { maxLength: 30 }), { minLength: 1, maxLength: 12 });
      })
      .chain((raw) => fc.tuple(fc.constant(raw), forwardWindows(raw.length), fc.double({ min: 0.01, max: 1, noNaN: true })));
    fc.assert(
      fc.property(input, ([raw, windows, p]) => {
        const blocks = raw.map((pairs) => ({ values: pairs.map(([v]) => v), weights: pairs.map(([, w]) => w) }));
        const sliding = WindowPercentile.fromBlocks(blocks);
        for (const [first, last] of windows) {
          const expected = freshWindowPercentile(blocks, first, last, p);
          const actual = sliding.of(first, last, p);
          if (Number.isNaN(expected)) expect(actual).toBeNaN();
          else expect(actual).toBe(expected);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("answers a window asked for out of order as a fresh count would", () => {
    const blocks: Block[] = [
      { values: [3, 2.5, 4], weights: [1, 1, 1] },
      { values: [2.7, 3.3], weights: [2, 1] },
      { values: [5, 1.5], weights: [1, 3] },
    ];
    const sliding = WindowPercentile.fromBlocks(blocks);
    for (const [first, last] of [
      [1, 2],
      [0, 2],
      [0, 0],
      [2, 2],
      [0, 1],
    ] as const) {
      expect(sliding.of(first, last, 0.3)).toBe(freshWindowPercentile(blocks, first, last, 0.3));
    }
  });

  it("medianSmooth is the median of each sample's time window, NaN-free values only", () => {
    const values = Float64Array.from([1, 9, 2, Number.NaN, 3, 8, 4]);
    const clock = Float64Array.from([0, 1, 2, 3, 4, 5, 20]);
    expect(Array.from(medianSmooth(values, clock, 1))).toEqual([5, 2, 5.5, 2.5, 5.5, 5.5, 4]);
  });
});
