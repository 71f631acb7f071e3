import { withAlpha } from "./labelColours";

/**
 * The colours the canvas charts draw with, taken from the stylesheet's palette (the custom
 * properties on :root in styles/base.css), so a chart follows the theme as the page around it does.
 */
export interface ChartPalette {
  /** Bars, lines and points rated at a session: `--accent`. */
  accent: string;
  /** Words drawn on a chart: `--muted`. */
  muted: string;
  /** Frames drawn on a chart: `--border-strong`. */
  frame: string;
  /** The important-change band: `--warn`. */
  warn: string;
  /** The inside of hollow points: `--surface`. */
  surface: string;
  /** Check-in answers: `--chart-checkin`. */
  checkin: string;
}

const PROPERTIES: Record<keyof ChartPalette, string> = {
  accent: "--accent",
  muted: "--muted",
  frame: "--border-strong",
  warn: "--warn",
  surface: "--surface",
  checkin: "--chart-checkin",
};

/** The stylesheet's values, for a page where it has not loaded (a property reads as empty). */
const FALLBACK: ChartPalette = {
  accent: "#1d6b64",
  muted: "#56666b",
  frame: "#a9b8ba",
  warn: "#8a5300",
  surface: "#ffffff",
  checkin: "#6b3fa0",
};

/**
 * The palette as `read` gives each custom property (by default the page's root element's computed
 * style, as a canvas normalises it). Read when a chart's options are built.
 */
export function chartPalette(read: (property: string) => string = readRootProperty): ChartPalette {
  const palette = { ...FALLBACK };
  for (const key of Object.keys(PROPERTIES) as (keyof ChartPalette)[]) {
    const value = read(PROPERTIES[key]).trim();
    if (value !== "") palette[key] = value;
  }
  return palette;
}

/** The colour at `alpha` opacity, for fills a canvas draws over other things. */
export function translucent(colour: string, alpha: number): string {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(colour)?.[1];
  if (hex === undefined) return `color-mix(in srgb, ${colour} ${Math.round(alpha * 100)}%, transparent)`;
  const full = hex.length === 3 ? [...hex].map((digit) => digit + digit).join("") : hex;
  return withAlpha(`#${full}`, alpha);
}

let probe: CanvasRenderingContext2D | null | undefined;

/**
 * A custom property of the root element as a canvas reads colours ("#rrggbb" for an opaque one),
 * so a theme may write it in any CSS colour syntax; empty outside a browser or when it is not a colour.
 */
function readRootProperty(property: string): string {
  if (typeof document === "undefined") return "";
  const value = getComputedStyle(document.documentElement).getPropertyValue(property).trim();
  if (value === "" || !CSS.supports("color", value)) return "";
  probe ??= document.createElement("canvas").getContext("2d");
  if (!probe) return value;
  probe.fillStyle = value;
  return String(probe.fillStyle);
}
