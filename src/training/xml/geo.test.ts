import { describe, expect, it } from "vitest";
import { cumulativeDistance, EARTH_MEAN_RADIUS_M, haversineMetres, isUsablePosition, speedFromDistance } from "./geo.js";

describe("haversineMetres", () => {
  it("gives R·π/180 for one degree along a meridian", () => {
    expect(haversineMetres(10, 20, 11, 20)).toBeCloseTo((EARTH_MEAN_RADIUS_M * Math.PI) / 180, 6);
  });

  it("matches the published worked example, Big Ben to the Statue of Liberty: 5574.8 km at R = 6371 km", () => {
    // Movable Type Scripts' haversine example, scaled from its 6371 km radius to ours.
    const metres = haversineMetres(51.5007, 0.1246, 40.6892, 74.0445);
    expect((metres * 6_371_000) / EARTH_MEAN_RADIUS_M / 1000).toBeCloseTo(5574.8, 1);
  });
});

describe("cumulativeDistance", () => {
  it("adds up the legs and carries the total over samples without a position", () => {
    const lat = Float64Array.from([0, 0, NaN, 0]);
    const lon = Float64Array.from([0.001, 0.002, NaN, 0.003]);
    const leg = haversineMetres(0, 0.001, 0, 0.002);
    const distance = cumulativeDistance(lat, lon);
    expect(distance[0]).toBe(0);
    expect(distance[1]).toBeCloseTo(leg, 9);
    expect(distance[2]).toBeCloseTo(leg, 9);
    expect(distance[3]).toBeCloseTo(2 * leg, 9);
  });
});

describe("speedFromDistance", () => {
  it("divides each leg by its duration and leaves NaN where time stands still or distance goes back", () => {
    const distance = Float64Array.from([0, 10, 10, 25, 20]);
    const time = Float64Array.from([0, 5000, 5000, 10_000, 11_000]);
    expect([...speedFromDistance(distance, time)]).toEqual([NaN, 2, NaN, 3, NaN]);
  });
});

describe("isUsablePosition", () => {
  it("refuses out-of-range values, NaN and the (0, 0) that devices write without a fix", () => {
    expect(isUsablePosition(51.5, -0.1)).toBe(true);
    expect(isUsablePosition(0, 10)).toBe(true);
    expect(isUsablePosition(0, 0)).toBe(false);
    expect(isUsablePosition(91, 0)).toBe(false);
    expect(isUsablePosition(NaN, 1)).toBe(false);
  });
});
