import { useState, type ReactNode } from "react";
import { ErrorMessage, Loading } from "../components/Status";
import { SelectField } from "../components/Field";
import { useAsync } from "../components/useAsync";
import { useTitle } from "../components/useTitle";
import { patternsApi, type PatternPair, type UntestedPair } from "./patternsApi";

const WEEK_OPTIONS = [4, 8, 12, 26].map((weeks) => ({ value: String(weeks), label: `${weeks} weeks` }));

const number = (value: number): string => (value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2));
const probability = (value: number): string => (value < 0.001 ? "< 0.001" : value.toFixed(3));

function Row({ term, children }: { term: string; children: ReactNode }): ReactNode {
  return (
    <div className="dl__row">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** Why the odds ratio was corrected, and, when both groups are alike, why it is not 1. */
function oddsRatioNote(pair: PatternPair): string {
  if (!pair.oddsRatio.corrected) return "";
  const { a, b, c, d } = pair.counts;
  const zeros = [a, b, c, d].filter((count) => count === 0).length;
  const counted = zeros === 1 ? "one count was 0" : `${zeros} counts were 0`;
  const note = ` — ${counted}, so 0.5 was added to every count (Haldane–Anscombe)`;
  return pair.sameInBothGroups
    ? `${note}. The groups do not differ; the ratio is not 1 only because of that added 0.5, and means nothing here.`
    : note;
}

function PairItem({ pair }: { pair: PatternPair }): ReactNode {
  const { a, b, c, d } = pair.counts;
  return (
    <li>
      <p>
        <strong>{pair.sentence}</strong>
      </p>
      <p className="muted">
        <strong>What this means:</strong> {pair.meaning}
      </p>
      <details>
        <summary>The numbers</summary>
        <dl className="dl">
          <Row term="Counts">
            With the training: {a} with the finding, {b} without. Without the training: {c} with the finding, {d} without.
          </Row>
          <Row term="Odds ratio">
            {number(pair.oddsRatio.estimate)} (95% interval {number(pair.oddsRatio.lower)} to {number(pair.oddsRatio.upper)})
            {oddsRatioNote(pair)}
          </Row>
          <Row term="p (Fisher's exact, two-sided)">{probability(pair.p)}</Row>
          <Row term="q (Benjamini–Hochberg)">{probability(pair.q)}</Row>
        </dl>
      </details>
    </li>
  );
}

/** Pairs without enough data, grouped by what is missing (usually the same for every finding of a feature). */
function UntestedList({ pairs }: { pairs: UntestedPair[] }): ReactNode {
  const groups = new Map<string, { feature: string; missing: string; findings: string[] }>();
  for (const pair of pairs) {
    const key = `${pair.feature.code}/${pair.missing}`;
    const group = groups.get(key) ?? { feature: pair.feature.phrase, missing: pair.missing, findings: [] };
    group.findings.push(pair.finding.label);
    groups.set(key, group);
  }
  return (
    <ul className="item-list">
      {[...groups.entries()].map(([key, group]) => (
        <li key={key}>
          <p>
            Clients with {group.feature}: not enough data. <span className="muted">{group.missing}</span>
          </p>
          <p className="muted">Not compared with: {group.findings.join("; ")}.</p>
        </li>
      ))}
    </ul>
  );
}

/** `/patterns`: training features and palpation findings compared across the practice's clients. */
export function PatternsPage(): ReactNode {
  useTitle("Patterns");
  const [weeks, setWeeks] = useState(8);
  const { state, reload } = useAsync(() => patternsApi.list(weeks), String(weeks));
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Patterns</h1>
          <p className="muted">
            How often a finding goes with a kind of training, across your clients. Questions to look into, not answers.
          </p>
        </div>
      </div>
      <div className="toolbar">
        <SelectField
          label="Training window"
          fieldClassName="toolbar__status"
          value={String(weeks)}
          options={WEEK_OPTIONS}
          onChange={(event) => setWeeks(Number(event.target.value))}
        />
      </div>
      {state.status === "error" ? <ErrorMessage message={state.message} onRetry={reload} /> : null}
      {!state.data ? (
        state.status === "loading" ? (
          <Loading label="Comparing training and findings…" />
        ) : null
      ) : (
        <>
          <section className="card" aria-labelledby="patterns-heading">
            <h2 id="patterns-heading">Compared pairs</h2>
            <p className="muted">
              {state.data.clientsIncluded} of {state.data.clientsWithFindings} clients with signed findings had runs in the{" "}
              {state.data.weeks} weeks before their latest session. Most notable first.
            </p>
            {state.data.pairs.length === 0 ? (
              <p className="empty">No pair has enough clients to compare yet.</p>
            ) : (
              <ul className="item-list">
                {state.data.pairs.map((pair) => (
                  <PairItem key={`${pair.feature.code}/${pair.finding.key}`} pair={pair} />
                ))}
              </ul>
            )}
          </section>
          <section className="card" aria-labelledby="caveats-heading">
            <h2 id="caveats-heading">Before reading anything into these</h2>
            <ul>
              {state.data.caveats.map((caveat) => (
                <li key={caveat}>{caveat}</li>
              ))}
            </ul>
            <details>
              <summary>How clients and pairs are counted</summary>
              <ul>
                {state.data.rules.map((rule) => (
                  <li key={rule}>{rule}</li>
                ))}
              </ul>
            </details>
          </section>
          {state.data.notEnoughData.length > 0 ? (
            <section className="card" aria-labelledby="not-enough-heading">
              <h2 id="not-enough-heading">Not enough data</h2>
              <UntestedList pairs={state.data.notEnoughData} />
            </section>
          ) : null}
        </>
      )}
    </>
  );
}
