/** Which side of the body figure a shape is drawn on (the vocabulary's region views). */
type View = "front" | "back";

/**
 * Outlines of the body map, in a 200 × 470 box per view. Each region is drawn once, in the
 * viewer's left half (x < 100), and mirrored for the other side. On the front view the viewer's
 * left is the client's right; on the back view it is the client's left.
 */

export const FIGURE_WIDTH = 200;
export const FIGURE_HEIGHT = 470;

/** The silhouette behind the regions (head, trunk, arms, legs), viewer's left half. */
export const SILHOUETTE_HALF =
  "M100 8 C86 8 79 20 79 34 C79 48 86 58 92 62 L92 70 C80 74 66 76 58 82 C50 88 46 100 44 116 " +
  "L36 190 L30 248 C29 256 34 260 38 256 L44 246 L50 192 L58 130 L60 170 C60 190 64 205 62 228 " +
  "C58 262 60 300 64 338 C66 360 70 400 72 430 L66 448 C66 456 86 456 88 448 L90 430 " +
  "C92 400 94 366 95 340 C96 300 97 270 100 250 Z";

export interface RegionShape {
  view: View;
  /** Path in the viewer's left half. */
  d: string;
}

/** Polygon helper: "x,y x,y …" → closed path. */
function poly(points: string): string {
  return `M${points.trim().split(/\s+/).join(" L")} Z`;
}

export const REGION_SHAPES: Record<string, RegionShape> = {
  // Front
  iliopsoas: { view: "front", d: poly("80,200 94,206 96,238 88,240 80,222") },
  tfl: { view: "front", d: poly("63,214 74,212 76,248 65,254") },
  rectus_femoris_proximal: { view: "front", d: poly("76,246 90,244 89,276 76,277") },
  rectus_femoris_middle: { view: "front", d: poly("76,277 89,276 88,306 76,307") },
  rectus_femoris_distal: { view: "front", d: poly("76,307 88,306 86,334 78,335") },
  vastus_lateralis: { view: "front", d: poly("66,256 75,250 76,330 68,332") },
  vastus_medialis: { view: "front", d: "M89 292 C96 300 97 322 94 338 C90 342 86 338 87 330 Z" },
  adductors: { view: "front", d: poly("90,244 98,250 97,290 89,290") },
  it_band: { view: "front", d: poly("62,258 65,256 67,334 64,334") },
  tibialis_anterior: { view: "front", d: poly("77,352 86,352 85,416 79,416") },
  quadriceps_tendon: { view: "front", d: poly("78,336 88,336 88,344 78,344") },
  abdominals: { view: "front", d: poly("86,120 100,120 100,190 86,190") },
  // Back
  lumbar_paraspinals: { view: "back", d: poly("88,170 99,170 99,212 88,212") },
  thoracic_paraspinals: { view: "back", d: poly("88,100 99,100 99,168 88,168") },
  quadratus_lumborum: { view: "back", d: poly("72,176 86,172 86,210 72,206") },
  gluteus_medius: { view: "back", d: poly("64,214 96,210 97,228 66,236") },
  gluteus_maximus: { view: "back", d: "M66 238 L97 230 L99 262 C92 272 76 274 68 268 Z" },
  piriformis: { view: "back", d: poly("74,232 94,228 94,234 74,238") },
  hamstrings: { view: "back", d: poly("68,274 96,268 94,334 72,334") },
  popliteus: { view: "back", d: poly("74,336 92,336 91,346 75,346") },
  gastrocnemius: { view: "back", d: "M72 350 C68 366 70 390 77 398 L88 398 C94 388 95 364 92 350 Z" },
  soleus: { view: "back", d: poly("77,399 88,399 88,424 78,424") },
  achilles_tendon: { view: "back", d: poly("80,425 86,425 86,438 80,438") },
  plantar_fascia: { view: "back", d: poly("69,444 87,444 86,452 70,452") },
};

/** Dividers drawn across the rectus femoris so its thirds are visible even when unshaded. */
export const THIRD_MARKS: { view: View; y: number; x1: number; x2: number }[] = [
  { view: "front", y: 276.5, x1: 76, x2: 89 },
  { view: "front", y: 306.5, x1: 76, x2: 88 },
];
