import { useMemo, type ReactNode } from "react";
import uPlot from "uplot";
import { formatDuration, formatGainLoss, formatKmOf, formatRamp, formatWeekStart, isWeekInProgress, LABEL_NAMES, MISSING } from "./format";
import { chartPalette, translucent, type ChartPalette } from "./chartPalette";
import { LABEL_COLOURS, WEEK_MARKERS } from "./labelColours";
import type { WeekLoad } from "./types";
import { canvasFont, pixelRatio, UPlotChart } from "./UPlotChart";

/** Below this many CSS pixels per week, ramp figures such as "−100" need two staggered lines. */
const RAMP_ROW_MIN_SLOT_PX = 32;

/** A round upper bound for the distance axis, with headroom above the tallest bar for the markers. */
function distanceCeiling(weeks: readonly WeekLoad[]): number {
  const maxKm = Math.max(0, ...weeks.map((w) => w.distanceM / 1000));
  const withRoom = Math.max(10, maxKm * 1.3);
  const step = withRoom > 100 ? 20 : withRoom > 40 ? 10 : 5;
  return Math.ceil(withRoom / step) * step;
}

function labelCountsText(week: WeekLoad): string {
  return WEEK_MARKERS.map(({ kind, glyph }) => {
    const count = week.labelCounts[kind] ?? 0;
    return count > 0 ? `${glyph} ${count} ${LABEL_NAMES[kind].toLowerCase()}` : "";
  })
    .filter(Boolean)
    .join(" · ");
}

function tooltipLines(week: WeekLoad, inProgress: boolean): string[] {
  const runs = `${week.activities} run${week.activities === 1 ? "" : "s"}`;
  return [
    `Week of ${formatWeekStart(week.weekStart, true)}${inProgress ? " (so far)" : ""}`,
    `${formatKmOf(week.distanceM)} · ${runs} · ${formatDuration(week.movingS)}`,
    `Elevation ${formatGainLoss(week.elevationGainM, week.elevationLossM)}`,
    // A week not over yet has no ramp to speak of: Monday morning would read "−100 %".
    inProgress
      ? "Ramp when the week is over"
      : `Ramp ${formatRamp(week.rampPct)}${week.rampPct === null ? "" : " against the 4 weeks before"}`,
    labelCountsText(week),
  ].filter(Boolean);
}

/** Glyphs above each bar: one line per label kind, with the count when more than one. */
function drawMarkers(u: uPlot, weeks: readonly WeekLoad[]): void {
  const ratio = pixelRatio();
  const { ctx } = u;
  ctx.save();
  ctx.font = canvasFont(11, 700);
  ctx.textAlign = "center";
  ctx.textBaseline = "bottom";
  weeks.forEach((week, i) => {
    const x = u.valToPos(i, "x", true);
    let y = u.valToPos(week.distanceM / 1000, "km", true) - 3 * ratio;
    for (const { kind, glyph } of WEEK_MARKERS) {
      const count = week.labelCounts[kind] ?? 0;
      if (count <= 0) continue;
      ctx.fillStyle = LABEL_COLOURS[kind];
      ctx.fillText(count > 1 ? `${glyph}${count}` : glyph, x, y);
      y -= 13 * ratio;
    }
  });
  ctx.restore();
}

/**
 * The current week has not ended, so its distance and ramp are partial (a Monday shows −90%): a
 * dashed frame and "so far" say so.
 */
function drawWeekInProgress(u: uPlot, weeks: readonly WeekLoad[], palette: ChartPalette): void {
  const index = weeks.length - 1;
  const week = weeks[index];
  if (!week || !isWeekInProgress(week.weekStart)) return;
  const ratio = pixelRatio();
  const { ctx } = u;
  const x = u.valToPos(index, "x", true);
  const half = (u.valToPos(1, "x", true) - u.valToPos(0, "x", true)) * 0.45;
  ctx.save();
  ctx.setLineDash([4 * ratio, 3 * ratio]);
  ctx.strokeStyle = palette.frame;
  ctx.lineWidth = ratio;
  ctx.strokeRect(x - half, u.bbox.top, half * 2, u.bbox.height);
  ctx.font = canvasFont(10, 600);
  ctx.fillStyle = palette.muted;
  ctx.textAlign = "center";
  ctx.textBaseline = "top";
  ctx.fillText("so far", x, u.bbox.top + 3 * ratio);
  ctx.restore();
}

/**
 * The ramp of each week, in a row between the bars and the week dates. Where weeks are narrow
 * (26 weeks on a tablet) alternate weeks drop to a second line, so "+140" never meets "−100".
 * The week in progress shows none yet: its distance so far is no ramp.
 */
function drawRampRow(u: uPlot, weeks: readonly WeekLoad[], palette: ChartPalette): void {
  const ratio = pixelRatio();
  const slot = u.bbox.width / Math.max(weeks.length, 1) / ratio;
  if (slot < RAMP_ROW_MIN_SLOT_PX / 2) return;
  const stagger = slot < RAMP_ROW_MIN_SLOT_PX;
  const { ctx } = u;
  const y = u.bbox.top + u.bbox.height + 5 * ratio;
  ctx.save();
  ctx.font = canvasFont(10);
  ctx.fillStyle = palette.muted;
  ctx.textBaseline = "top";
  ctx.textAlign = "right";
  ctx.fillText("Ramp %", u.bbox.left - 6 * ratio, y + (stagger ? 6 * ratio : 0));
  ctx.textAlign = "center";
  const last = weeks.length - 1;
  const lastInProgress = last >= 0 && isWeekInProgress(weeks[last]!.weekStart);
  weeks.forEach((week, i) => {
    const text = week.rampPct === null || (i === last && lastInProgress) ? MISSING : formatRamp(week.rampPct).replace("%", "");
    const line = stagger && (weeks.length - 1 - i) % 2 === 1 ? 1 : 0;
    ctx.fillText(text, u.valToPos(i, "x", true), y + line * 12 * ratio);
  });
  ctx.restore();
}

function showTooltip(u: uPlot, weeks: readonly WeekLoad[]): void {
  const tip = u.over.querySelector<HTMLDivElement>(".chart-tip");
  if (!tip) return;
  const idx = u.cursor.idx;
  const week = idx === null || idx === undefined ? undefined : weeks[idx];
  if (idx === null || idx === undefined || !week) {
    tip.hidden = true;
    return;
  }
  const inProgress = idx === weeks.length - 1 && isWeekInProgress(week.weekStart);
  tip.replaceChildren(
    ...tooltipLines(week, inProgress).map((line, n) => {
      const row = document.createElement("div");
      row.textContent = line;
      if (n === 0) row.className = "chart-tip__title";
      return row;
    }),
  );
  tip.hidden = false;
  const x = u.valToPos(idx, "x");
  const overWidth = u.over.clientWidth;
  // Beside the bar, on whichever side has room; top-aligned so it never covers the markers' row.
  const left = x + 14 + tip.offsetWidth > overWidth ? x - 14 - tip.offsetWidth : x + 14;
  tip.style.left = `${Math.max(0, left)}px`;
  tip.style.top = "4px";
}

function weeklyOptions(weeks: readonly WeekLoad[]): Omit<uPlot.Options, "width"> {
  const palette = chartPalette();
  return {
    height: 280,
    legend: { show: false },
    cursor: { y: false, points: { show: false }, drag: { x: false, y: false } },
    scales: {
      x: { time: false, range: [-0.6, weeks.length - 0.4] },
      km: { range: [0, distanceCeiling(weeks)] },
    },
    axes: [
      {
        scale: "x",
        incrs: [1, 2, 3, 4, 6, 8, 13, 26, 52, 104, 156, 260, 520],
        space: 46,
        size: 62,
        gap: 34,
        ticks: { show: false },
        grid: { show: false },
        values: (_u, splits) => splits.map((i) => (Number.isInteger(i) && weeks[i] ? formatWeekStart(weeks[i].weekStart) : "")),
      },
      {
        scale: "km",
        label: "km per week",
        labelSize: 22,
        size: 44,
        space: 36,
        values: (_u, splits) => splits.map((v) => String(v)),
      },
    ],
    series: [
      {},
      {
        label: "Distance",
        scale: "km",
        fill: translucent(palette.accent, 0.55),
        stroke: palette.accent,
        width: 1,
        points: { show: false },
        paths: uPlot.paths.bars?.({ size: [0.72, 44] }),
      },
    ],
    hooks: {
      init: [
        (u) => {
          const tip = document.createElement("div");
          tip.className = "chart-tip";
          tip.hidden = true;
          u.over.appendChild(tip);
        },
      ],
      draw: [(u) => drawWeekInProgress(u, weeks, palette), (u) => drawMarkers(u, weeks), (u) => drawRampRow(u, weeks, palette)],
      setCursor: [(u) => showTooltip(u, weeks)],
      // A resize (a tablet turned) moves the bars; a tooltip placed before would point at the wrong week.
      setSize: [
        (u) => {
          const tip = u.over.querySelector<HTMLDivElement>(".chart-tip");
          if (tip) tip.hidden = true;
        },
      ],
    },
  };
}

/** Weekly running distance as bars, hill/interval/downhill sessions marked above them, the ramp beneath. */
export function WeeklyLoadChart({ weeks }: { weeks: readonly WeekLoad[] }): ReactNode {
  const data = useMemo<uPlot.AlignedData>(() => [weeks.map((_, i) => i), weeks.map((w) => w.distanceM / 1000)], [weeks]);
  const options = useMemo(() => weeklyOptions(weeks), [weeks]);
  const first = weeks[0];
  const last = weeks.at(-1);
  const label =
    first && last
      ? `Bar chart of weekly running distance from the week of ${formatWeekStart(first.weekStart, true)} to the week of ${formatWeekStart(last.weekStart, true)}. The same figures are in the table below.`
      : "Weekly running distance";
  return (
    <figure className="weekly-chart">
      <UPlotChart options={options} data={data} label={label} />
      <figcaption className="chart-key">
        <span className="chart-key__item">
          <span className="chart-key__swatch chart-key__swatch--bar" aria-hidden="true" /> Running distance
        </span>
        {WEEK_MARKERS.map(({ kind, glyph }) => (
          <span key={kind} className={`chart-key__item chart-key__item--${kind}`}>
            <span aria-hidden="true">{glyph}</span> {LABEL_NAMES[kind]}
          </span>
        ))}
        <span className="chart-key__item muted">
          Ramp: change against the mean of the 4 weeks before. The current week is framed: it is not over yet.
        </span>
      </figcaption>
    </figure>
  );
}
