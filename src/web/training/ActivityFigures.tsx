import type { ReactNode } from "react";
import { formatDuration, formatGainLoss, formatKmOf, formatPace, formatWhole, MISSING } from "./format";
import type { ActivitySummary, RunningDynamics } from "./types";

function Figure({ term, value, note }: { term: string; value: string; note?: string | null }): ReactNode {
  return (
    <div className="figure">
      <dt>{term}</dt>
      <dd>
        <span className="figure__value">{value}</span>
        {note ? <span className="figure__note">{note}</span> : null}
      </dd>
    </div>
  );
}

function bestPaceNote(summary: ActivitySummary): string | null {
  if (!summary.bestPace) return null;
  return summary.bestPace.windowM >= 1000 ? "Fastest km" : `Fastest ${summary.bestPace.windowM} m`;
}

/** The headline numbers of one activity. */
export function ActivityFigures({ summary }: { summary: ActivitySummary }): ReactNode {
  const elapsedNote =
    summary.elapsedS !== null && summary.movingS !== null && summary.elapsedS - summary.movingS >= 30
      ? `${formatDuration(summary.elapsedS)} elapsed`
      : null;
  return (
    <dl className="figures">
      <Figure term="Distance" value={formatKmOf(summary.distanceM)} />
      <Figure term="Moving time" value={formatDuration(summary.movingS ?? summary.elapsedS)} note={elapsedNote} />
      <Figure term="Average pace" value={summary.avgPaceSPerKm === null ? MISSING : `${formatPace(summary.avgPaceSPerKm)} /km`} />
      <Figure
        term="Best pace"
        value={summary.bestPace ? `${formatPace(summary.bestPace.paceSPerKm)} /km` : MISSING}
        note={bestPaceNote(summary)}
      />
      <Figure term="Elevation" value={formatGainLoss(summary.elevationGainM, summary.elevationLossM)} />
      <Figure
        term="Cadence"
        value={formatWhole(summary.avgCadenceSpm, "spm")}
        note={summary.cadenceHalved ? "Halved: the file counted both feet twice" : null}
      />
      <Figure
        term="Heart rate"
        value={formatWhole(summary.avgHeartRate, "bpm")}
        note={summary.maxHeartRate ? `Max ${Math.round(summary.maxHeartRate)} bpm` : null}
      />
    </dl>
  );
}

const DYNAMICS: { key: keyof RunningDynamics; term: string; format: (v: number) => string }[] = [
  { key: "stanceTimeMs", term: "Ground contact time", format: (v) => `${Math.round(v)} ms` },
  { key: "stanceTimeBalanceLeftPct", term: "Ground contact balance", format: (v) => `${v.toFixed(1)}% L / ${(100 - v).toFixed(1)}% R` },
  { key: "verticalOscillationMm", term: "Vertical oscillation", format: (v) => `${(v / 10).toFixed(1)} cm` },
  { key: "verticalRatioPct", term: "Vertical ratio", format: (v) => `${v.toFixed(1)}%` },
  { key: "stepLengthMm", term: "Step length", format: (v) => `${(v / 1000).toFixed(2)} m` },
];

/** Running dynamics from a chest strap or pod, when the file has any; nothing otherwise. */
export function RunningDynamicsList({ dynamics }: { dynamics: RunningDynamics | null }): ReactNode {
  const rows = DYNAMICS.flatMap(({ key, term, format }) => {
    const value = dynamics?.[key];
    return typeof value === "number" && Number.isFinite(value) ? [{ term, text: format(value) }] : [];
  });
  if (rows.length === 0) return null;
  return (
    <section className="card" aria-labelledby="dynamics-heading">
      <h2 id="dynamics-heading">Running dynamics</h2>
      <dl className="dl">
        {rows.map((row) => (
          <div className="dl__row" key={row.term}>
            <dt>{row.term}</dt>
            <dd>{row.text}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
