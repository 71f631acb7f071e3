import type { LabelKind } from "./types";

/**
 * One colour per label, shared by the canvas charts (markers, shaded bands) and the chips' CSS
 * (styles/training*.css repeat these values). Each keeps ≥ 4.5:1 contrast on white.
 */
export const LABEL_COLOURS: Record<LabelKind, string> = {
  hill_repeats: "#9a5200",
  intervals: "#6b3fa0",
  tempo: "#8a3b5c",
  downhill: "#1f5fa8",
  long_run: "#1d6b64",
  steady: "#56666b",
  easy: "#21683a",
};

/** The same colour with an alpha, for shaded bands. */
export function withAlpha(hex: string, alpha: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

/** The labels the weekly chart marks, each with the glyph drawn above the week's bar. */
export const WEEK_MARKERS: readonly { kind: LabelKind; glyph: string }[] = [
  { kind: "hill_repeats", glyph: "▲" },
  { kind: "intervals", glyph: "◆" },
  { kind: "downhill", glyph: "▼" },
];

/** The labels whose stretches are shaded on the activity charts (the others cover the whole run). */
export const BANDED_KINDS: ReadonlySet<LabelKind> = new Set(["hill_repeats", "intervals", "downhill"]);
