/**
 * The report's figures as standalone SVG documents (pure): an outcome chart over relative days
 * with the measure's MCID band and the phases shaded, and body maps of the findings drawn from
 * the web app's body-map outlines. Colours are attributes, not styles, so the files look the same
 * pasted into a blog, opened alone or shown as an image in the app.
 */
import { FIGURE_HEIGHT, FIGURE_WIDTH, REGION_SHAPES, SILHOUETTE_HALF, THIRD_MARKS } from "../shared/body-shapes.js";
import { isSidedRegion } from "../shared/vocabulary/regions.js";
import type { AnonymisedCase, AnonymisedFinding } from "./anonymise.js";
import { escapeHtml } from "../shared/html.js";
import { plural } from "../shared/plural.js";

export interface ChartFile {
  /** Path inside the zip, e.g. `charts/outcome-tightness-nrs.svg`. */
  file: string;
  title: string;
  /** A sentence for readers who cannot see the image. */
  description: string;
  svg: string;
}

const FONT = 'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif"';
const INK = "#1f2933";
const MUTED = "#616e7c";
const GRID = "#d9e2ec";
const LINE = "#2563eb";
const PHASE_FILL = ["#f1f5f9", "#e0f2e9"] as const;
const BAND_FILL = "#fde68a";
export const GRADE_FILLS = ["#fef3c7", "#fcd34d", "#f59e0b", "#b45309"] as const;

function round(value: number): string {
  return (Math.round(value * 10) / 10).toString();
}

type Outcome = AnonymisedCase["outcomes"][number];

/**
 * Phases as day ranges, from the points' phases (none outside an experiment). A phase starts on
 * the day of the session that began it: the last session after the previous phase's last point.
 */
function phaseRanges(outcome: Outcome, lastDay: number, sessionDays: readonly number[]): { from: number; to: number; phase: "A" | "B" }[] {
  const ranges: { from: number; to: number; phase: "A" | "B" }[] = [];
  let previousDay: number | null = null;
  for (const point of outcome.points) {
    if (point.phase === null) continue;
    const current = ranges.at(-1);
    if (current && current.phase === point.phase) current.to = point.day;
    else {
      const after = previousDay ?? Number.NEGATIVE_INFINITY;
      const start = sessionDays.filter((d) => d >= after && d <= point.day).at(-1) ?? point.day;
      if (current) current.to = start;
      ranges.push({ from: current ? start : Math.min(0, point.day), to: point.day, phase: point.phase });
    }
    previousDay = point.day;
  }
  const final = ranges.at(-1);
  if (final) final.to = Math.max(final.to, lastDay);
  return ranges;
}

/**
 * One outcome over relative days: points joined in time order (check-ins filled, session
 * measures hollow), session days marked on the axis, the MCID band drawn from the first value in
 * the direction of improvement, and A/B phases shaded when the report comes from an experiment.
 */
export function outcomeChart(outcome: Outcome, sessionDays: readonly number[]): ChartFile {
  const width = 640;
  const height = 300;
  const left = 48;
  const right = 16;
  const top = 52;
  const bottom = 64;
  const days = [...outcome.points.map((p) => p.day), ...sessionDays];
  const minDay = Math.min(0, ...days);
  const maxDay = Math.max(minDay + 1, ...days);
  const values = outcome.points.map((p) => p.value);
  const yMin = outcome.range?.min ?? Math.min(0, ...values);
  const yMax = outcome.range?.max ?? Math.max(1, ...values);
  const x = (day: number) => left + ((day - minDay) / (maxDay - minDay)) * (width - left - right);
  const y = (value: number) => top + (1 - (value - yMin) / (yMax - yMin || 1)) * (height - top - bottom);
  const parts: string[] = [];
  for (const range of phaseRanges(outcome, maxDay, sessionDays)) {
    const x1 = x(range.from);
    const x2 = x(range.to);
    parts.push(
      `<rect x="${round(x1)}" y="${top}" width="${round(Math.max(0, x2 - x1))}" height="${height - top - bottom}" fill="${PHASE_FILL[range.phase === "A" ? 0 : 1]}"/>`,
      `<text x="${round(x1 + 4)}" y="${top + 14}" font-size="12" fill="${MUTED}" ${FONT}>Phase ${range.phase}</text>`,
    );
  }
  const baseline = outcome.points[0];
  const mcidPoints = outcome.mcid?.points ?? null;
  let bandNote = "no agreed threshold for an important change";
  if (baseline && mcidPoints !== null) {
    const edge = outcome.higherIsBetter ? baseline.value + mcidPoints : baseline.value - mcidPoints;
    const y1 = y(Math.min(yMax, Math.max(yMin, Math.max(edge, baseline.value))));
    const y2 = y(Math.max(yMin, Math.min(yMax, Math.min(edge, baseline.value))));
    parts.push(
      `<rect x="${left}" y="${round(y1)}" width="${width - left - right}" height="${round(Math.max(0, y2 - y1))}" fill="${BAND_FILL}" fill-opacity="0.45"/>`,
    );
    bandNote = `the shaded band is the ${outcome.mcid?.statistic ?? "MCID"} of ${round(mcidPoints)} points from the first value; points beyond it changed by an important amount`;
  }
  const step = yMax - yMin > 20 ? 10 : yMax - yMin > 10 ? 5 : 2;
  // Ticks on multiples of the step, so a scale that crosses zero (GROC −7…7) shows 0.
  for (let v = Math.ceil(yMin / step) * step; v <= yMax; v += step) {
    parts.push(
      `<line x1="${left}" x2="${width - right}" y1="${round(y(v))}" y2="${round(y(v))}" stroke="${GRID}" stroke-width="1"/>`,
      `<text x="${left - 6}" y="${round(y(v) + 4)}" font-size="11" text-anchor="end" fill="${MUTED}" ${FONT}>${v}</text>`,
    );
  }
  const axisY = height - bottom;
  parts.push(`<line x1="${left}" x2="${width - right}" y1="${axisY}" y2="${axisY}" stroke="${MUTED}" stroke-width="1"/>`);
  const dayStep = Math.max(1, Math.ceil((maxDay - minDay) / 10 / 7) * 7);
  for (let d = Math.ceil(minDay / dayStep) * dayStep; d <= maxDay; d += dayStep) {
    parts.push(`<text x="${round(x(d))}" y="${axisY + 16}" font-size="11" text-anchor="middle" fill="${MUTED}" ${FONT}>${d}</text>`);
  }
  for (const d of sessionDays) {
    parts.push(`<path d="M${round(x(d))} ${axisY + 20} l-5 8 h10 z" fill="${INK}"><title>Session on day ${d}</title></path>`);
  }
  parts.push(
    `<text x="${round((left + width - right) / 2)}" y="${height - 14}" font-size="12" text-anchor="middle" fill="${MUTED}" ${FONT}>Days after the first session (▲ = session)</text>`,
  );
  if (outcome.points.length > 1) {
    const path = outcome.points.map((p, i) => `${i === 0 ? "M" : "L"}${round(x(p.day))} ${round(y(p.value))}`).join(" ");
    parts.push(`<path d="${path}" fill="none" stroke="${LINE}" stroke-width="2"/>`);
  }
  for (const p of outcome.points) {
    const fill = p.source === "checkin" ? LINE : "#ffffff";
    parts.push(
      `<circle cx="${round(x(p.day))}" cy="${round(y(p.value))}" r="4" fill="${fill}" stroke="${LINE}" stroke-width="2"><title>Day ${p.day}: ${round(p.value)}</title></circle>`,
    );
  }
  const title = `${outcome.name} over the episode`;
  parts.unshift(
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${left}" y="22" font-size="15" font-weight="600" fill="${INK}" ${FONT}>${escapeHtml(title)}</text>`,
    `<text x="${left}" y="40" font-size="11" fill="${MUTED}" ${FONT}>● check-in   ○ session (before treatment)${baseline && mcidPoints !== null ? "   ▬ important-change band from the first value" : ""}</text>`,
  );
  const direction = outcome.higherIsBetter ? "higher is better" : "lower is better";
  const description = `${outcome.name} (${direction}) on ${plural(outcome.points.length, "occasion")} from day ${outcome.points[0]?.day ?? 0} to day ${outcome.points.at(-1)?.day ?? 0}; ${bandNote}.`;
  return {
    file: `charts/outcome-${outcome.code}.svg`,
    title,
    description,
    svg: svgDocument(width, height, title, description, parts),
  };
}

function svgDocument(width: number, height: number, title: string, description: string, parts: readonly string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img">`,
    `<title>${escapeHtml(title)}</title>`,
    `<desc>${escapeHtml(description)}</desc>`,
    ...parts,
    "</svg>",
    "",
  ].join("\n");
}

const MIRROR = `matrix(-1 0 0 1 ${FIGURE_WIDTH} 0)`;

/** Highest grade per region and side among the findings (midline regions have no side). */
function gradesOf(findings: readonly AnonymisedFinding[]): Map<string, number> {
  const grades = new Map<string, number>();
  for (const finding of findings) {
    const grade = Math.max(0, ...finding.qualities.map((q) => q.grade));
    const key = `${finding.regionCode}:${isSidedRegion(finding.regionCode) ? (finding.side ?? "both") : "mid"}`;
    grades.set(key, Math.max(grades.get(key) ?? 0, grade));
  }
  return grades;
}

/**
 * One session's findings on the front and back figures, each region shaded by its highest grade.
 * On the front view the viewer's left is the client's right; on the back it is their left.
 */
export function bodyMapChart(
  file: string,
  heading: string,
  findings: readonly AnonymisedFinding[],
  gradeNames: readonly string[],
): ChartFile {
  const grades = gradesOf(findings);
  const gradeFor = (code: string, side: "left" | "right" | null): number | undefined =>
    side === null ? grades.get(`${code}:mid`) : (grades.get(`${code}:${side}`) ?? grades.get(`${code}:both`));
  const width = FIGURE_WIDTH * 2 + 60;
  const height = FIGURE_HEIGHT + 110;
  const parts: string[] = [
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="20" y="24" font-size="15" font-weight="600" fill="${INK}" ${FONT}>${escapeHtml(heading)}</text>`,
  ];
  (["front", "back"] as const).forEach((view, index) => {
    const near = view === "front" ? "right" : "left";
    const far = view === "front" ? "left" : "right";
    const shapes: string[] = [
      `<path d="${SILHOUETTE_HALF}" fill="#eef2f6" stroke="#9aa5b1" stroke-width="1"/>`,
      `<path d="${SILHOUETTE_HALF}" transform="${MIRROR}" fill="#eef2f6" stroke="#9aa5b1" stroke-width="1"/>`,
    ];
    for (const [code, shape] of Object.entries(REGION_SHAPES)) {
      if (shape.view !== view) continue;
      const sided = isSidedRegion(code);
      const halves: { side: "left" | "right" | null; transform: string }[] = sided
        ? [
            { side: near, transform: "" },
            { side: far, transform: ` transform="${MIRROR}"` },
          ]
        : [
            { side: null, transform: "" },
            { side: null, transform: ` transform="${MIRROR}"` },
          ];
      for (const half of halves) {
        const grade = gradeFor(code, half.side);
        const fill = grade === undefined ? "#ffffff" : (GRADE_FILLS[grade] ?? GRADE_FILLS[3]);
        shapes.push(`<path d="${shape.d}"${half.transform} fill="${fill}" stroke="#7b8794" stroke-width="0.8"/>`);
      }
    }
    for (const mark of THIRD_MARKS.filter((m) => m.view === view)) {
      shapes.push(
        `<line x1="${mark.x1}" x2="${mark.x2}" y1="${mark.y}" y2="${mark.y}" stroke="#7b8794" stroke-width="0.6"/>`,
        `<line x1="${mark.x1}" x2="${mark.x2}" y1="${mark.y}" y2="${mark.y}" transform="${MIRROR}" stroke="#7b8794" stroke-width="0.6"/>`,
      );
    }
    const dx = 20 + index * (FIGURE_WIDTH + 20);
    parts.push(
      `<g transform="translate(${dx} 40)">`,
      ...shapes,
      `<text x="6" y="14" font-size="12" fill="${MUTED}" ${FONT}>${near === "right" ? "R" : "L"}</text>`,
      `<text x="${FIGURE_WIDTH - 14}" y="14" font-size="12" fill="${MUTED}" ${FONT}>${far === "right" ? "R" : "L"}</text>`,
      `<text x="${FIGURE_WIDTH / 2}" y="${FIGURE_HEIGHT + 16}" font-size="12" text-anchor="middle" fill="${MUTED}" ${FONT}>${view === "front" ? "Front" : "Back"}</text>`,
      "</g>",
    );
  });
  const legendY = FIGURE_HEIGHT + 80;
  gradeNames.forEach((name, grade) => {
    const lx = 20 + grade * 105;
    parts.push(
      `<rect x="${lx}" y="${legendY - 10}" width="12" height="12" fill="${GRADE_FILLS[grade] ?? GRADE_FILLS[3]}" stroke="#7b8794" stroke-width="0.8"/>`,
      `<text x="${lx + 18}" y="${legendY}" font-size="12" fill="${INK}" ${FONT}>${escapeHtml(name)}</text>`,
    );
  });
  const listed = findings.map((f) => `${f.side ? `${f.side} ` : ""}${f.region.toLowerCase()}`).join(", ");
  const description = findings.length === 0 ? "No findings were recorded." : `Findings shaded by their highest grade: ${listed}.`;
  return { file, title: heading, description, svg: svgDocument(width, height, heading, description, parts) };
}
