import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { chartPalette, translucent } from "./chartPalette";

describe("the charts' palette", () => {
  it("takes each colour from the stylesheet's custom property", () => {
    const theme: Record<string, string> = {
      "--accent": " #004488",
      "--muted": "#333333",
      "--border-strong": "#999999",
      "--warn": "#aa5500",
      "--surface": "#101010",
      "--chart-checkin": "#cc00cc",
    };
    expect(chartPalette((property) => theme[property] ?? "")).toEqual({
      accent: "#004488",
      muted: "#333333",
      frame: "#999999",
      warn: "#aa5500",
      surface: "#101010",
      checkin: "#cc00cc",
    });
  });

  it("falls back to the stylesheet's own values where a property is not set, as outside a browser", () => {
    const css = fs.readFileSync(new URL("../styles/base.css", import.meta.url), "utf8");
    const declared = (name: string) => new RegExp(`${name}:\\s*([^;]+);`).exec(css)?.[1]?.trim();
    expect(chartPalette()).toEqual({
      accent: declared("--accent"),
      muted: declared("--muted"),
      frame: declared("--border-strong"),
      warn: declared("--warn"),
      surface: declared("--surface"),
      checkin: declared("--chart-checkin"),
    });
  });

  it("makes a colour translucent for the canvas, whatever way it is written", () => {
    expect(translucent("#1d6b64", 0.55)).toBe("rgba(29, 107, 100, 0.55)");
    expect(translucent("#fff", 0.1)).toBe("rgba(255, 255, 255, 0.1)");
    expect(translucent("rgb(10 20 30)", 0.25)).toBe("color-mix(in srgb, rgb(10 20 30) 25%, transparent)");
  });
});
