import { useState, type ReactNode } from "react";
import {
  formatDuration,
  formatGainLoss,
  formatKmOf,
  formatKmValue,
  formatRamp,
  formatWeekStart,
  isWeekInProgress,
  LABEL_NAMES,
  MISSING,
} from "./format";
import type { WeekLoad } from "./types";
import { WEEK_MARKERS } from "./labelColours";
import { WeeklyLoadChart } from "./WeeklyLoadChart";

/** "1.18" → "18% more than"; "0.82" → "18% less than". */
function ratioInWords(acwr: number): string {
  const pct = Math.round((acwr - 1) * 100);
  if (pct === 0) return "about the same as";
  return `${Math.abs(pct)}% ${pct > 0 ? "more" : "less"} than`;
}

/**
 * The latest week's distance and ratio. A week that has not ended has a partial distance, so its
 * ramp would mislead (every Monday looks like −90%): the ramp shown is the last full week's.
 */
function LatestWeek({ week, previous }: { week: WeekLoad; previous: WeekLoad | undefined }): ReactNode {
  const inProgress = isWeekInProgress(week.weekStart);
  const rampWeek = inProgress && previous ? previous : week;
  return (
    <div className="load-facts">
      <dl className="load-facts__figures">
        <div>
          <dt>{inProgress ? "This week so far" : `Week of ${formatWeekStart(week.weekStart)}`}</dt>
          <dd>
            {formatKmOf(week.distanceM)}
            <span className="muted">
              {" "}
              · {week.activities} run{week.activities === 1 ? "" : "s"}
            </span>
          </dd>
        </div>
        <div>
          <dt>{rampWeek === week ? "Ramp" : `Ramp, week of ${formatWeekStart(rampWeek.weekStart)}`}</dt>
          <dd>
            {formatRamp(rampWeek.rampPct)}
            {rampWeek.rampPct !== null ? <span className="muted"> vs the 4 weeks before</span> : null}
          </dd>
        </div>
        <div>
          <dt>Acute:chronic ratio</dt>
          <dd>{week.acwr === null ? MISSING : week.acwr.toFixed(2)}</dd>
        </div>
      </dl>
      <p>
        {week.acwr === null
          ? "There is not enough running history yet to compare the last week with the longer-term load."
          : `In the last 7 days this client ran ${ratioInWords(week.acwr)} their longer-term (about 4-week) average.`}
      </p>
      {week.caveat ? <p className="muted">{week.caveat}</p> : null}
    </div>
  );
}

function WeeksTable({ weeks }: { weeks: readonly WeekLoad[] }): ReactNode {
  return (
    <details className="disclosure">
      <summary>Weekly figures as a table</summary>
      <div className="table-wrap">
        <table className="table table--compact table--weeks">
          <caption className="visually-hidden">Weekly running load, newest week first</caption>
          <thead>
            <tr>
              <th scope="col">Week of</th>
              <th scope="col" className="num">
                Distance <span className="th-unit">km</span>
              </th>
              <th scope="col" className="num">
                Runs
              </th>
              <th scope="col" className="num">
                Time <span className="th-unit">moving</span>
              </th>
              <th scope="col" className="num">
                Elevation <span className="th-unit">m</span>
              </th>
              <th scope="col" className="num">
                Ramp
              </th>
              {WEEK_MARKERS.map(({ kind, glyph }) => (
                <th key={kind} scope="col" className={`num th-glyph th-glyph--${kind}`} title={LABEL_NAMES[kind]}>
                  <span aria-hidden="true">{glyph}</span>
                  <span className="visually-hidden">{LABEL_NAMES[kind]}</span>
                </th>
              ))}
              <th scope="col" className="num">
                <abbr title="Acute:chronic workload ratio">ACWR</abbr>
              </th>
            </tr>
          </thead>
          <tbody>
            {[...weeks].reverse().map((week) => (
              <tr key={week.weekStart}>
                <th scope="row">
                  {formatWeekStart(week.weekStart, true)}
                  {isWeekInProgress(week.weekStart) ? <span className="muted"> (so far)</span> : null}
                </th>
                <td className="num">{formatKmValue(week.distanceM)}</td>
                <td className="num">{week.activities}</td>
                <td className="num">{week.movingS > 0 ? formatDuration(week.movingS) : MISSING}</td>
                <td className="num">{week.activities > 0 ? formatGainLoss(week.elevationGainM, week.elevationLossM, false) : MISSING}</td>
                <td className="num">{isWeekInProgress(week.weekStart) ? MISSING : formatRamp(week.rampPct)}</td>
                {WEEK_MARKERS.map(({ kind }) => (
                  <td key={kind} className="num">
                    {week.labelCounts[kind] ?? 0}
                  </td>
                ))}
                <td className="num">{week.acwr === null ? MISSING : week.acwr.toFixed(2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

/** How much of the history the chart shows: the last N weeks, or all of it. */
const SPANS = [
  { weeks: 26, label: "26 weeks" },
  { weeks: 52, label: "1 year" },
  { weeks: Infinity, label: "All" },
] as const;

/**
 * The weekly load card: the chart over the whole training history (zoomed to the last 26 weeks or
 * year with the range buttons), the latest week's ramp and ratio with their caveat, and the table.
 */
export function TrainingLoad({ weeks }: { weeks: readonly WeekLoad[] }): ReactNode {
  const latest = weeks.at(-1);
  const [span, setSpan] = useState<number>(Infinity);
  const shown = span >= weeks.length ? weeks : weeks.slice(-span);
  const spans = SPANS.filter((option) => option.weeks === Infinity || option.weeks < weeks.length);
  return (
    <section className="card" aria-labelledby="load-heading">
      <div className="card__head">
        <h2 id="load-heading">Weekly running load</h2>
        {spans.length > 1 ? (
          <div className="pills" role="group" aria-label="Chart range">
            {spans.map((option) => (
              <button
                key={option.label}
                type="button"
                className="pill"
                aria-pressed={option.weeks === span || (option.weeks === Infinity && span >= weeks.length)}
                onClick={() => setSpan(option.weeks)}
              >
                {option.weeks === Infinity ? `All ${weeks.length} weeks` : `Last ${option.label}`}
              </button>
            ))}
          </div>
        ) : null}
      </div>
      <WeeklyLoadChart weeks={shown} />
      {latest ? <LatestWeek week={latest} previous={weeks.at(-2)} /> : null}
      <WeeksTable weeks={weeks} />
    </section>
  );
}
