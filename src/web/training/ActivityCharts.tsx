import { useMemo, useState, type ReactNode } from "react";
import type uPlot from "uplot";
import { formatDuration, LABEL_NAMES } from "./format";
import { LABEL_COLOURS, withAlpha } from "./labelColours";
import { buildProfileAxis, buildProfileSeries, type Band, type ProfileAxis, type ProfileSeries } from "./profileSeries";
import type { ActivityLabel, ChartStream } from "./types";
import { pixelRatio, UPlotChart } from "./UPlotChart";

/** Cursors move together across the activity's charts. */
const SYNC_KEY = "palpable-activity";

function drawBands(u: uPlot, bands: readonly Band[]): void {
  const { ctx } = u;
  const { left, top, width, height } = u.bbox;
  const edge = 3 * pixelRatio();
  ctx.save();
  for (const band of bands) {
    const x0 = Math.max(left, u.valToPos(band.from, "x", true));
    const x1 = Math.min(left + width, u.valToPos(band.to, "x", true));
    if (x1 <= x0) continue;
    const w = Math.max(x1 - x0, 2);
    ctx.fillStyle = withAlpha(LABEL_COLOURS[band.kind], 0.16);
    ctx.fillRect(x0, top, w, height);
    // A solid edge along the top tells the labels apart where the tints are close.
    ctx.fillStyle = LABEL_COLOURS[band.kind];
    ctx.fillRect(x0, top, w, edge);
  }
  ctx.restore();
}

interface ChartOptionsInput {
  axis: ProfileAxis;
  series: ProfileSeries;
  /** Only the last chart labels the shared x axis. */
  showXLabel: boolean;
  onCursor: (index: number | null) => void;
}

function profileOptions({ axis, series, showXLabel, onCursor }: ChartOptionsInput): Omit<uPlot.Options, "width"> {
  return {
    height: series.height + (showXLabel ? 20 : 0),
    legend: { show: false },
    cursor: { sync: { key: SYNC_KEY }, drag: { x: false, y: false }, points: { size: 7 } },
    scales: {
      x: { time: false, range: [axis.xs[0] ?? 0, axis.xs.at(-1) ?? 1] },
      y: { range: series.range, ...(series.invert ? { dir: -1 as const } : {}) },
    },
    axes: [
      {
        ...(showXLabel ? { label: axis.unit === "km" ? "Distance (km)" : "Time (min)", labelSize: 20 } : {}),
        size: 30,
        space: 50,
        values: (_u, splits) => splits.map((v) => String(axis.unit === "km" ? v : Math.round(v))),
      },
      {
        label: series.axisLabel,
        labelSize: 20,
        size: 50,
        space: 26,
        ...(series.incrs ? { incrs: series.incrs } : {}),
        values: (_u, splits) => splits.map((v) => series.format(v)),
      },
    ],
    series: [
      {},
      { label: series.name, stroke: series.colour, width: 1.75, points: { show: false }, ...(series.fill ? { fill: series.fill } : {}) },
    ],
    hooks: {
      setCursor: [(u) => onCursor(u.cursor.idx ?? null)],
      ...(series.bands.length > 0 ? { drawClear: [(u: uPlot) => drawBands(u, series.bands)] } : {}),
    },
  };
}

function ProfileChart(props: ChartOptionsInput): ReactNode {
  const { axis, series, showXLabel, onCursor } = props;
  const data = useMemo<uPlot.AlignedData>(() => [axis.xs, series.values], [axis, series]);
  const options = useMemo(() => profileOptions({ axis, series, showXLabel, onCursor }), [axis, series, showXLabel, onCursor]);
  return (
    <div className="profile-chart">
      <h3 className="profile-chart__title">{series.title}</h3>
      <UPlotChart options={options} data={data} label={series.summary} />
    </div>
  );
}

/** The values under the cursor, for every chart at once: one line that stays in view. */
function Readout({
  axis,
  series,
  stream,
  index,
}: {
  axis: ProfileAxis;
  series: ProfileSeries[];
  stream: ChartStream;
  index: number | null;
}): ReactNode {
  const x = index === null ? undefined : axis.xs[index];
  const streamIndex = index === null ? undefined : axis.at[index];
  if (index === null || x === undefined || streamIndex === undefined) {
    return <p className="chart-readout muted">Point at or touch a chart to read its values.</p>;
  }
  const t = stream.tS[streamIndex] ?? 0;
  const where = axis.unit === "km" ? `${x.toFixed(2)} km, ${formatDuration(t)}` : formatDuration(t);
  return (
    <p className="chart-readout">
      <strong>At {where}</strong>
      {series.map((s) => {
        const value = s.values[index];
        return (
          <span key={s.name} className="chart-readout__item">
            {s.name} {value === null || value === undefined ? "–" : `${s.format(value)} ${s.unit}`}
          </span>
        );
      })}
    </p>
  );
}

/** Elevation, pace, cadence and heart rate over the run, cursors linked, label stretches shaded. */
export function ActivityCharts({ stream, labels }: { stream: ChartStream; labels: readonly ActivityLabel[] }): ReactNode {
  const axis = useMemo(() => buildProfileAxis(stream, labels), [stream, labels]);
  const series = useMemo(() => buildProfileSeries(stream, axis), [stream, axis]);
  const [cursor, setCursor] = useState<number | null>(null);
  const bandKinds = [...new Set(axis.bands.map((band) => band.kind))];
  if (axis.xs.length < 2 || series.length === 0) return <p className="muted">This file has no samples to chart.</p>;
  return (
    <>
      {bandKinds.length > 0 ? (
        <p className="chart-key">
          <span className="chart-key__item muted">Shaded on elevation and pace:</span>
          {bandKinds.map((kind) => (
            <span key={kind} className={`chart-key__item chart-key__item--${kind}`}>
              <span className={`chart-key__swatch chart-key__swatch--${kind}`} aria-hidden="true" /> {LABEL_NAMES[kind]}
            </span>
          ))}
        </p>
      ) : null}
      <Readout axis={axis} series={series} stream={stream} index={cursor} />
      <div className="profile-charts">
        {series.map((s, i) => (
          <ProfileChart key={s.name} axis={axis} series={s} showXLabel={i === series.length - 1} onCursor={setCursor} />
        ))}
      </div>
    </>
  );
}
