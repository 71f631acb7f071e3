import { useMemo, type ReactNode } from "react";
import { CollapsibleSection } from "../components/Sections";
import type { CaseSeriesResult, ClientResult, ComparisonResult, ExperimentResults, SecondarySummary } from "../../experiments/schema.js";
import type { ExperimentView } from "../../experiments/schema.js";
import { ErrorMessage, Loading } from "../components/Status";
import { useAsync } from "../components/useAsync";
import { formatDateOf, formatTimestamp } from "../format";
import { useMe } from "../session";
import { experimentsApi } from "./api";
import { outcomeMeasure } from "./outcome-measures";
import { formatNumber, percent, signed, singleCaseFigures } from "./result-figures";
import { Hash } from "./RegistrationPanel";
import { ChartKey, SingleCaseChart, type ChartScale } from "./SingleCaseChart";

/** A number, what it means in a sentence, and (one click away) how it was worked out. */
function Figure({ name, value, meaning, detail }: { name: string; value: ReactNode; meaning: string; detail?: ReactNode }): ReactNode {
  return (
    <div className="result-figure">
      <dt className="result-figure__name">{name}</dt>
      <dd className="result-figure__value">{value}</dd>
      <dd className="result-figure__meaning">{meaning}</dd>
      {detail ? (
        <dd className="result-figure__detail">
          <details>
            <summary>Detail</summary>
            {detail}
          </details>
        </dd>
      ) : null}
    </div>
  );
}

function Missing({ text }: { text: string }): ReactNode {
  return <p className="missing">Not enough data yet: {text}.</p>;
}

function CaseSeries({ result, twoGroups }: { result: CaseSeriesResult; twoGroups: boolean }): ReactNode {
  return (
    <section className="results-block" aria-labelledby="case-series-heading">
      <h3 id="case-series-heading">{twoGroups ? "Intervention group: responders" : "Across clients: responders"}</h3>
      {!result.ok ? (
        <Missing text={result.missing} />
      ) : (
        <dl className="result-figures">
          <Figure
            name="Responders"
            value={`${result.responders} of ${result.n}`}
            meaning={result.responderMeaning}
            detail={
              <p>
                Wilson 95% interval for the responder rate: {percent(result.responderRate.lower)} to {percent(result.responderRate.upper)}{" "}
                (estimate {percent(result.responderRate.estimate)}).
              </p>
            }
          />
          <Figure
            name="Responder rate, 95% interval"
            value={`${percent(result.responderRate.lower)} – ${percent(result.responderRate.upper)}`}
            meaning="The range of responder rates these clients are consistent with (Wilson score interval)."
          />
          <Figure
            name="Median change"
            value={
              result.medianChange.interval
                ? `${signed(result.medianChange.median)} (${signed(result.medianChange.interval.lower)} to ${signed(result.medianChange.interval.upper)})`
                : signed(result.medianChange.median)
            }
            meaning={result.medianMeaning}
            detail={
              result.medianChange.interval ? (
                <p>
                  Percentile bootstrap, {result.medianChange.interval.iterations.toLocaleString()} resamples, seed{" "}
                  <code>{result.medianChange.interval.seed}</code>: anyone with the same data and seed gets the same interval.
                </p>
              ) : (
                <p>
                  Changes ranged from {signed(result.medianChange.min)} to {signed(result.medianChange.max)}; too few clients for an
                  interval.
                </p>
              )
            }
          />
        </dl>
      )}
    </section>
  );
}

function Comparison({ result, experiment }: { result: ComparisonResult; experiment: ExperimentView }): ReactNode {
  return (
    <section className="results-block" aria-labelledby="comparison-heading">
      <h3 id="comparison-heading">
        {experiment.labels.interventionProtocol} vs {experiment.labels.comparator}
      </h3>
      {!result.ok ? (
        <Missing text={result.missing} />
      ) : (
        <dl className="result-figures">
          <Figure
            name="Responders by group"
            value={`${result.intervention.responders} of ${result.intervention.n} vs ${result.comparator.responders} of ${result.comparator.n}`}
            meaning={`Intervention: ${result.intervention.responders} of ${result.intervention.n} clients responded; comparator: ${result.comparator.responders} of ${result.comparator.n}.`}
          />
          <Figure
            name="Difference in responder rates"
            value={`${signed(result.difference.difference * 100, 0)} percentage points (${signed(result.difference.lower * 100, 0)} to ${signed(result.difference.upper * 100, 0)})`}
            meaning={result.differenceMeaning}
            detail={
              <p>
                Newcombe hybrid score 95% interval for the difference of two proportions: {formatNumber(result.difference.lower, 3)} to{" "}
                {formatNumber(result.difference.upper, 3)} (estimate {formatNumber(result.difference.difference, 3)}).
              </p>
            }
          />
          <Figure
            name="Probability the intervention is better"
            value={percent(result.probabilityInterventionBetter)}
            meaning={result.probabilityMeaning}
            detail={
              <p>
                Beta-binomial model with independent Beta(1, 1) priors; exact posterior probability{" "}
                {formatNumber(result.probabilityInterventionBetter, 4)}.
              </p>
            }
          />
        </dl>
      )}
    </section>
  );
}

function SecondaryTable({ rows }: { rows: SecondarySummary[] }): ReactNode {
  if (rows.length === 0) return null;
  return (
    <section className="results-block" aria-labelledby="secondary-heading">
      <h3 id="secondary-heading">Secondary outcomes</h3>
      <div className="table-wrap">
        <table className="table table--compact">
          <thead>
            <tr>
              <th scope="col">Outcome</th>
              <th scope="col" className="num">
                Clients
              </th>
              <th scope="col" className="num">
                Median change
              </th>
              <th scope="col">Meaning</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.label}>
                <td>{row.label}</td>
                <td className="num">{row.n}</td>
                <td className="num">{row.median === null ? "—" : `${signed(row.median)} ${row.unit}`}</td>
                <td>{row.meaning}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function ClientCard({ client, experiment }: { client: ClientResult; experiment: ExperimentView }): ReactNode {
  const me = useMe();
  const measure = outcomeMeasure(experiment.plan.primaryOutcome.measureCode);
  const higherIsBetter = experiment.labels.primaryOutcomeHigherIsBetter;
  const scale = useMemo<ChartScale>(() => {
    const values = client.series.map((p) => p.value);
    const min = Math.min(measure?.range.min ?? 0, ...values);
    const max = Math.max(measure?.range.max ?? 10, ...values);
    const firstA = client.series.filter((p) => p.phase === "A");
    const baseline = client.primary.ok
      ? client.primary.baseline
      : firstA.length > 0
        ? firstA.reduce((sum, p) => sum + p.value, 0) / firstA.length
        : null;
    return { min, max, higherIsBetter, baseline, mcid: experiment.labels.primaryOutcomeMcid };
  }, [client, measure, higherIsBetter, experiment.labels.primaryOutcomeMcid]);
  const armLabel = client.arm === "intervention" ? experiment.labels.interventionProtocol : experiment.labels.comparator;
  const outcomeName = measure?.shortName ?? experiment.labels.primaryOutcome;
  return (
    <li className="card client-result">
      <h4>
        {client.clientName} <span className="muted">· {armLabel}</span>{" "}
        {client.retrospective ? <span className="badge badge--warn">Retrospective data</span> : null}
        {client.primary.ok && client.primary.responder === true ? <span className="badge badge--ok">Responder</span> : null}
      </h4>
      {client.series.length === 0 ? (
        <p className="muted">No {outcomeName.toLowerCase()} values recorded in this client&apos;s data window yet.</p>
      ) : (
        <>
          <SingleCaseChart
            series={client.series}
            scale={scale}
            unitLabel={outcomeName}
            label={`${outcomeName} of ${client.clientName} over time: ${client.series
              .map(
                (p) =>
                  `${formatDateOf(p.at, me.practice.timeZone)} ${p.value} (phase ${p.phase}, ${p.source === "session" ? "session" : "check-in"})`,
              )
              .join("; ")}`}
          />
          <ChartKey scale={scale} />
        </>
      )}
      <p className="client-result__primary">
        <strong>{experiment.labels.primaryOutcome}: </strong>
        {client.primary.ok ? (
          <>
            {client.primary.meaning}{" "}
            <span className="muted">
              (baseline {formatTimestamp(client.primary.baselineAt, me.practice.timeZone)}, outcome{" "}
              {formatTimestamp(client.primary.outcomeAt, me.practice.timeZone)})
            </span>
          </>
        ) : (
          <span className="missing">Not available: {client.primary.missing}.</span>
        )}
      </p>
      {client.singleCase.ok && client.singleCaseMeanings ? (
        <dl className="result-figures result-figures--compact">
          {singleCaseFigures(client.singleCase, client.singleCaseMeanings).map((figure) => (
            <Figure key={figure.name} name={figure.name} value={figure.value} meaning={figure.meaning} detail={<p>{figure.detail}</p>} />
          ))}
        </dl>
      ) : (
        <p className="missing">
          Single-case statistics not shown: {client.singleCase.ok ? "no explanation available" : client.singleCase.missing}.
        </p>
      )}
      {client.secondary.length > 0 ? (
        <ul className="client-result__secondary">
          {client.secondary.map((s) => (
            <li key={s.label}>
              <strong>{s.label}: </strong>
              {s.change.ok ? (s.change.meaning ?? "") : <span className="missing">{s.change.missing ?? "not available"}</span>}
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

function Results({ results, experiment }: { results: ExperimentResults; experiment: ExperimentView }): ReactNode {
  const me = useMe();
  const registration = experiment.registration;
  return (
    <>
      {registration ? (
        <div className="results-registration">
          <p>
            Pre-registered {formatTimestamp(registration.at, me.practice.timeZone)} by {registration.byName}
            {experiment.amendments.length > 0
              ? `, amended ${experiment.amendments.length} time${experiment.amendments.length === 1 ? "" : "s"} since (see the pre-registration)`
              : ", not amended since"}
            .
          </p>
          <p>
            SHA-256 <Hash value={registration.sha256} label="Registration SHA-256 (results)" />
          </p>
        </div>
      ) : null}
      <p>
        {results.primaryOutcome}: {results.analysed} of {results.enrolled - results.withdrawn} enrolled clients have an outcome
        {results.withdrawn > 0 ? `; ${results.withdrawn} withdrawn (not analysed)` : ""}.
      </p>
      <div className="results-summary">
        <CaseSeries result={results.caseSeries} twoGroups={results.comparison !== null} />
        {results.comparison ? <Comparison result={results.comparison} experiment={experiment} /> : null}
      </div>
      <section className="caveats" aria-labelledby="caveats-heading">
        <h3 id="caveats-heading">What these numbers cannot show</h3>
        <ul>
          {results.caveats.map((caveat) => (
            <li key={caveat}>{caveat}</li>
          ))}
        </ul>
      </section>
      <SecondaryTable rows={results.secondary} />
      <h3>Each client</h3>
      {results.clients.length === 0 ? (
        <p className="muted">No clients enrolled yet.</p>
      ) : (
        <ul className="client-results">
          {results.clients.map((client) => (
            <ClientCard key={client.clientId} client={client} experiment={experiment} />
          ))}
        </ul>
      )}
    </>
  );
}

/** The experiment's results as the registered analysis plan computes them, recomputed on every load. */
export function ResultsPanel({ experiment, version }: { experiment: ExperimentView; version: number }): ReactNode {
  const { state, reload } = useAsync(() => experimentsApi.results(experiment.id), `${experiment.id}:${version}`);
  return (
    <CollapsibleSection id="results-heading" title="Results" className="card results">
      {state.status === "error" && !state.data ? <ErrorMessage message={state.message} onRetry={reload} /> : null}
      {state.data ? (
        <Results results={state.data.results} experiment={experiment} />
      ) : state.status === "loading" ? (
        <Loading label="Working out the results…" />
      ) : null}
    </CollapsibleSection>
  );
}
