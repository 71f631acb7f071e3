import type { ReactNode } from "react";
import type { StoredAnswer } from "../../checkins/schema";
import type { MeasureCatalogue } from "../../shared/measures";
import { usePracticeCatalogue } from "../questionnaires/catalogue";
import type { Checkin } from "./api";

interface Series {
  code: string;
  name: string;
  range: { min: number; max: number };
  mcid: { points: number; source: string | null } | null;
  points: { at: string; score: number }[];
}

/** Each scored measure's check-in scores over time, oldest first (the latest answer version of each check-in). */
export function scoreSeries(checkins: readonly Checkin[], catalogue: MeasureCatalogue): Series[] {
  const byCode = new Map<string, Series>();
  const answered = checkins.filter((c) => c.answeredAt !== null).sort((a, b) => (a.answeredAt ?? "").localeCompare(b.answeredAt ?? ""));
  for (const checkin of answered) {
    const answers = (checkin.versions[0]?.answers ?? {}) as Record<string, StoredAnswer>;
    for (const [code, answer] of Object.entries(answers)) {
      if (!(answer.kind === "item-scale" || answer.kind === "questionnaire") || answer.score === null) continue;
      const measure = catalogue.byCode(code);
      if (!measure || !(measure.kind === "item-scale" || measure.kind === "questionnaire") || measure.range === null) continue;
      const series: Series = byCode.get(code) ?? {
        code,
        name: measure.shortName,
        range: measure.range,
        mcid: measure.mcid?.points ? { points: measure.mcid.points, source: measure.mcid.citation?.text ?? null } : null,
        points: [],
      };
      series.points.push({ at: checkin.answeredAt ?? "", score: answer.score });
      byCode.set(code, series);
    }
  }
  return [...byCode.values()];
}

const W = 320;
const H = 120;
const PAD = 24;

function round(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/** One measure's scores as a small line chart; the shaded band is the MCID around the first score. */
function ScoreChart({ series }: { series: Series }): ReactNode {
  const { min, max } = series.range;
  const y = (value: number): number => H - PAD - ((value - min) / (max - min || 1)) * (H - 2 * PAD);
  const x = (index: number): number =>
    PAD + (series.points.length === 1 ? (W - 2 * PAD) / 2 : (index * (W - 2 * PAD)) / (series.points.length - 1));
  const first = series.points[0]?.score ?? min;
  const band = series.mcid
    ? { top: y(Math.min(max, first + series.mcid.points)), bottom: y(Math.max(min, first - series.mcid.points)) }
    : null;
  const scores = series.points.map((p) => round(p.score)).join(", ");
  const bandWords = series.mcid
    ? `MCID band: ${round(series.mcid.points)} points either side of the first score${series.mcid.source ? ` (${series.mcid.source})` : ""}`
    : "No MCID";
  return (
    <figure className="score-chart" aria-label={`${series.name}: scores ${scores}; ${bandWords}`}>
      <figcaption>
        <strong>{series.name}</strong> <span className="muted">· {scores}</span>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={`${series.name} scores with ${bandWords}`}>
        {band ? (
          <rect
            className="score-chart__band"
            data-testid="mcid-band"
            x={PAD}
            width={W - 2 * PAD}
            y={band.top}
            height={Math.max(1, band.bottom - band.top)}
          />
        ) : null}
        <line className="score-chart__axis" x1={PAD} x2={W - PAD} y1={y(min)} y2={y(min)} />
        <text className="score-chart__tick" x={2} y={y(max) + 4}>
          {round(max)}
        </text>
        <text className="score-chart__tick" x={2} y={y(min) + 4}>
          {round(min)}
        </text>
        <polyline className="score-chart__line" fill="none" points={series.points.map((p, i) => `${x(i)},${y(p.score)}`).join(" ")} />
        {series.points.map((p, i) => (
          <circle key={`${p.at}-${i}`} className="score-chart__dot" cx={x(i)} cy={y(p.score)} r={4} />
        ))}
      </svg>
      <p className="muted score-chart__note">{bandWords}.</p>
    </figure>
  );
}

/** The client's check-in scores, one chart per scored measure (library and the practice's own). */
export function ScoreCharts({ checkins }: { checkins: readonly Checkin[] }): ReactNode {
  const catalogue = usePracticeCatalogue();
  const series = scoreSeries(checkins, catalogue);
  if (series.length === 0) return null;
  return (
    <section className="card" aria-labelledby="scores-heading">
      <h2 id="scores-heading">Check-in scores</h2>
      <div className="score-charts">
        {series.map((s) => (
          <ScoreChart key={s.code} series={s} />
        ))}
      </div>
    </section>
  );
}
