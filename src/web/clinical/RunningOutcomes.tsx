import type { ReactNode } from "react";
import { request } from "../api";
import { useAsync } from "../components/useAsync";
import type { OutcomeComparison, OutcomeMetric } from "../../training/schema";

/** Objective running figures in the two weeks before and after a session, from the client's own files. */
export function RunningOutcomes({ clientId, at }: { clientId: string; at: string }): ReactNode {
  const { state } = useAsync(
    () => request<{ outcomes: OutcomeComparison }>("GET", `/api/clients/${clientId}/outcomes?at=${encodeURIComponent(at)}`),
    `${clientId}:${at}`,
  );
  if (state.status !== "ready") return null;
  const { outcomes } = state.data;
  if (outcomes.runsInBefore + outcomes.runsInAfter === 0) return null;
  const rows: [string, OutcomeMetric, (v: number) => string][] = [
    ["Cadence at the usual easy pace", outcomes.cadenceAtMatchedPace, (v) => `${v.toFixed(1)} spm`],
    ["Pace at the usual heart rate", outcomes.paceAtMatchedHeartRate, formatPace],
    ["Ground contact time", outcomes.dynamics.stanceTimeMs, (v) => `${Math.round(v)} ms`],
    ["Vertical oscillation", outcomes.dynamics.verticalOscillationMm, (v) => `${(v / 10).toFixed(1)} cm`],
  ];
  return (
    <section className="card" aria-labelledby="running-outcomes">
      <h2 id="running-outcomes">Running before and after</h2>
      <p className="muted">
        {outcomes.windowDays} days each side: {outcomes.runsInBefore} runs before, {outcomes.runsInAfter} after.
      </p>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Measure</th>
              <th scope="col">Before</th>
              <th scope="col">After</th>
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([name, metric, format]) => (
              <tr key={name}>
                <td>
                  <strong>{name}</strong>
                </td>
                {metric.enough && metric.before !== null && metric.after !== null && metric.change !== null ? (
                  <>
                    <td>
                      {format(metric.before)} <span className="muted">({metric.runsBefore} runs)</span>
                    </td>
                    <td>
                      {format(metric.after)} <span className="muted">({metric.runsAfter} runs)</span>
                    </td>
                    <td>{signed(metric.change, metric.unit)}</td>
                  </>
                ) : (
                  <td colSpan={3} className="muted">
                    {metric.missing ?? "Not enough runs to compare"}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted">{outcomes.cadenceAtMatchedPace.caveat}</p>
    </section>
  );
}

function formatPace(secondsPerKm: number): string {
  const whole = Math.round(secondsPerKm);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")} /km`;
}

function signed(change: number, unit: string): string {
  const rounded = Math.abs(change) < 10 ? change.toFixed(1) : Math.round(change).toString();
  return `${change > 0 ? "+" : ""}${rounded} ${unit}`;
}
