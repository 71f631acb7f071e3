import { useMemo, type ReactNode } from "react";
import type uPlot from "uplot";
import type { SeriesPoint } from "../../experiments/schema.js";
import { type PhaseSpan, phaseSpans } from "./result-figures";
import { chartPalette, translucent, type ChartPalette } from "../training/chartPalette";
import { canvasFont, pixelRatio, UPlotChart } from "../training/UPlotChart";
import { formatDayMonth } from "../format";

const DAY_S = 86_400;

export interface ChartScale {
  min: number;
  max: number;
  higherIsBetter: boolean;
  /** The client's baseline value (start of their arm), when known. */
  baseline: number | null;
  mcid: number | null;
}

function drawBackground(u: uPlot, spans: readonly PhaseSpan[], scale: ChartScale, palette: ChartPalette): void {
  const { ctx } = u;
  const { left, top, width, height } = u.bbox;
  const ratio = pixelRatio();
  ctx.save();
  for (const span of spans) {
    const x0 = Math.max(left, u.valToPos(span.from, "x", true));
    const x1 = Math.min(left + width, u.valToPos(span.to, "x", true));
    if (x1 <= x0) continue;
    ctx.fillStyle = span.phase === "A" ? translucent(palette.muted, 0.1) : translucent(palette.accent, 0.14);
    ctx.fillRect(x0, top, x1 - x0, height);
    ctx.font = canvasFont(11, 700);
    ctx.fillStyle = palette.muted;
    ctx.textAlign = "left";
    ctx.textBaseline = "top";
    // The full name where the span has room, else the letter alone, so neighbouring labels never overlap.
    const room = x1 - x0 - 8 * ratio;
    const label = [span.phase === "A" ? "A · baseline" : "B · treatment", span.phase].find((text) => ctx.measureText(text).width <= room);
    if (label) ctx.fillText(label, x0 + 4 * ratio, top + 3 * ratio);
  }
  if (scale.baseline !== null && scale.mcid !== null) {
    // The band holds changes smaller than the MCID: a point outside it on the better side is an important improvement.
    const upper = Math.min(scale.max, scale.baseline + scale.mcid);
    const lower = Math.max(scale.min, scale.baseline - scale.mcid);
    const y0 = u.valToPos(upper, "y", true);
    const y1 = u.valToPos(lower, "y", true);
    ctx.fillStyle = translucent(palette.warn, 0.13);
    ctx.fillRect(left, y0, width, y1 - y0);
    ctx.strokeStyle = palette.warn;
    ctx.lineWidth = ratio;
    ctx.setLineDash([5 * ratio, 4 * ratio]);
    const yBase = u.valToPos(scale.baseline, "y", true);
    ctx.beginPath();
    ctx.moveTo(left, yBase);
    ctx.lineTo(left + width, yBase);
    ctx.stroke();
    // The threshold an improvement must pass, solid on the better side.
    ctx.setLineDash([]);
    const threshold = scale.higherIsBetter ? y0 : y1;
    ctx.beginPath();
    ctx.moveTo(left, threshold);
    ctx.lineTo(left + width, threshold);
    ctx.stroke();
  }
  ctx.restore();
}

function chartOptions(series: readonly SeriesPoint[], scale: ChartScale, unitLabel: string): Omit<uPlot.Options, "width"> {
  const times = series.map((p) => Date.parse(p.at) / 1000);
  const first = times[0] ?? 0;
  const last = times.at(-1) ?? first + DAY_S;
  const pad = Math.max(DAY_S, (last - first) * 0.05);
  const xMin = first - pad;
  const xMax = last + pad;
  const spans = phaseSpans(series, xMin, xMax);
  const palette = chartPalette();
  return {
    height: 220,
    legend: { show: false },
    cursor: { drag: { x: false, y: false }, points: { size: 8 } },
    scales: {
      x: { time: true, range: [xMin, xMax] },
      y: { range: [scale.min, scale.max] },
    },
    axes: [
      { size: 30, space: 70, values: (_u, splits) => splits.map((s) => formatDayMonth(new Date(s * 1000))) },
      { label: unitLabel, labelSize: 18, size: 40, space: 24 },
    ],
    series: [
      {},
      { label: "Outcome", stroke: palette.accent, width: 1.5, points: { show: false } },
      {
        label: "At a session",
        stroke: palette.accent,
        width: 0,
        paths: () => null,
        points: { show: true, size: 9, fill: palette.accent, stroke: palette.accent },
      },
      {
        label: "Check-in",
        stroke: palette.checkin,
        width: 0,
        paths: () => null,
        points: { show: true, size: 9, width: 2, fill: palette.surface, stroke: palette.checkin },
      },
    ],
    hooks: { drawClear: [(u: uPlot) => drawBackground(u, spans, scale, palette)] },
  };
}

/** One client's outcome over time: phases shaded, the MCID band around the baseline, points by source. */
export function SingleCaseChart({
  series,
  scale,
  label,
  unitLabel,
}: {
  series: readonly SeriesPoint[];
  scale: ChartScale;
  label: string;
  unitLabel: string;
}): ReactNode {
  const data = useMemo<uPlot.AlignedData>(() => {
    const xs = series.map((p) => Date.parse(p.at) / 1000);
    return [
      xs,
      series.map((p) => p.value),
      series.map((p) => (p.source === "session" ? p.value : null)),
      series.map((p) => (p.source === "checkin" ? p.value : null)),
    ];
  }, [series]);
  const options = useMemo(() => chartOptions(series, scale, unitLabel), [series, scale, unitLabel]);
  return <UPlotChart options={options} data={data} label={label} className="single-case-chart" />;
}

/** The chart's key, in words, so the colours and the band are never guessed. */
export function ChartKey({ scale }: { scale: ChartScale }): ReactNode {
  const better = scale.higherIsBetter ? "above" : "below";
  return (
    <ul className="chart-key single-case-key">
      <li className="chart-key__item">
        <span className="chart-key__swatch single-case-key__a" aria-hidden="true" /> A: without the intervention (baseline, comparator or
        usual care)
      </li>
      <li className="chart-key__item">
        <span className="chart-key__swatch single-case-key__b" aria-hidden="true" /> B: with the intervention
      </li>
      <li className="chart-key__item">
        <span className="single-case-key__dot single-case-key__dot--session" aria-hidden="true" /> Rated at a session
      </li>
      <li className="chart-key__item">
        <span className="single-case-key__dot single-case-key__dot--checkin" aria-hidden="true" /> Check-in answer
      </li>
      {scale.baseline !== null && scale.mcid !== null ? (
        <li className="chart-key__item">
          <span className="chart-key__swatch single-case-key__mcid" aria-hidden="true" /> Baseline (dashed) ± the important change of{" "}
          {scale.mcid} points: a point {better} the band&apos;s solid edge is an important improvement; inside the band is not.
        </li>
      ) : null}
    </ul>
  );
}
