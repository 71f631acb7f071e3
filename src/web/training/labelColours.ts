import { LABEL_KINDS, LABELS, type LabelKind } from "../../shared/labels";

/**
 * One colour per label, from the catalogue, shared by the canvas charts (markers, shaded bands) and
 * the stylesheets (chips, chart keys, weekly glyphs), which read it as `var(--label-<kind>)`.
 * Each keeps ≥ 4.5:1 contrast on white.
 */
export const LABEL_COLOURS = Object.fromEntries(LABEL_KINDS.map((kind) => [kind, LABELS[kind].colour])) as Record<LabelKind, string>;

/** The same colour with an alpha, for shaded bands. */
export function withAlpha(hex: string, alpha: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

/** The labels the weekly chart marks, each with the glyph drawn above the week's bar. */
export const WEEK_MARKERS: readonly { kind: LabelKind; glyph: string }[] = LABEL_KINDS.flatMap((kind) => {
  const glyph: string | null = LABELS[kind].weekGlyph;
  return glyph === null ? [] : [{ kind, glyph }];
});

/** The labels whose stretches are shaded on the activity charts (the others cover the whole run). */
export const BANDED_KINDS: ReadonlySet<LabelKind> = new Set(LABEL_KINDS.filter((kind) => LABELS[kind].banded));

/**
 * Sets `--label-<kind>` to each label's colour on the page's root element, before the app renders,
 * so the stylesheets name no label colour themselves. Written through the CSSOM, which the page's
 * CSP (no inline styles) allows, as the chart tooltips are placed.
 */
export function setLabelColourProperties(style: Pick<CSSStyleDeclaration, "setProperty">): void {
  for (const kind of LABEL_KINDS) style.setProperty(`--label-${kind}`, LABELS[kind].colour);
}
