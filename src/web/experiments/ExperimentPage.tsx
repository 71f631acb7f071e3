import { useState, type ReactNode } from "react";
import { CollapsibleSection, SectionIndex } from "../components/Sections";
import type { ExperimentView } from "../../experiments/schema.js";
import { errorMessage, isNotFound } from "../api";
import { useVocabulary } from "../clinical/vocabulary";
import { ErrorMessage, Loading } from "../components/Status";
import { useAsync } from "../components/useAsync";
import { useTitle } from "../components/useTitle";
import { formatTimestamp } from "../format";
import { Link } from "../router";
import { useMe } from "../session";
import { experimentsApi } from "./api";
import { EnrolmentPanel } from "./EnrolmentPanel";
import { ANALYSIS_PLAN_HEADING, describePlan, DESIGN_NAMES, STATUS_NAMES, statusBadgeClass } from "./plan-words";
import { RegistrationPanel } from "./RegistrationPanel";
import { ResultsPanel } from "./ResultsPanel";

/** A button that asks once more, in words, before an action that cannot be undone. */
function ConfirmAction({
  label,
  confirmLabel,
  explanation,
  onConfirm,
  className = "button button--primary",
}: {
  label: string;
  confirmLabel: string;
  explanation: string;
  onConfirm: () => Promise<void>;
  className?: string;
}): ReactNode {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!asking) {
    return (
      <button type="button" className={className} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <div className="confirm card" role="group" aria-label={label}>
      <p>{explanation}</p>
      <ErrorMessage message={error} />
      <div className="form-actions form-actions--start">
        <button
          type="button"
          className="button button--primary"
          disabled={busy}
          // The confirmation replaces the button the user just pressed, so focus follows it.
          autoFocus
          onClick={() => {
            setBusy(true);
            setError(null);
            onConfirm()
              .then(() => setAsking(false))
              .catch((err: unknown) => setError(errorMessage(err)))
              .finally(() => setBusy(false));
          }}
        >
          {busy ? "Working…" : confirmLabel}
        </button>
        <button type="button" className="button button--quiet" onClick={() => setAsking(false)}>
          Cancel
        </button>
      </div>
    </div>
  );
}

function PlanSummary({ experiment }: { experiment: ExperimentView }): ReactNode {
  const vocab = useVocabulary();
  return (
    <CollapsibleSection id="plan-heading" title="The plan">
      <p className="experiment-hypothesis">{experiment.plan.hypothesis}</p>
      {experiment.plan.rationale ? <p className="muted">{experiment.plan.rationale}</p> : null}
      {vocab.state.status === "ready" ? (
        <div className="plan-summary">
          {describePlan(experiment, vocab.state.vocabulary).map((section) => (
            <div
              key={section.heading}
              className={`plan-summary__section${section.heading === ANALYSIS_PLAN_HEADING ? " plan-summary__section--wide" : ""}`}
            >
              <h3>{section.heading}</h3>
              <ul>
                {section.lines.map((line, i) => (
                  <li key={i}>{line}</li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      ) : vocab.state.status === "error" ? (
        <ErrorMessage message={vocab.state.message} onRetry={vocab.retry} />
      ) : (
        <Loading />
      )}
    </CollapsibleSection>
  );
}

/** `/experiments/:id`: the plan, its pre-registration, enrolment and the results. */
export function ExperimentPage({ id }: { id: string }): ReactNode {
  const me = useMe();
  const { state, reload, setData } = useAsync(() => experimentsApi.get(id), id);
  // Results are recomputed on the server after every change that can move them.
  const [resultsVersion, setResultsVersion] = useState(0);
  const experiment = state.data?.experiment;
  useTitle(experiment?.plan.title ?? "Experiment");

  if (state.status === "error" && !experiment) {
    if (isNotFound(state.error)) {
      return (
        <>
          <h1>Experiment not found</h1>
          <p>
            It may have been removed, or the link is wrong. <Link to="/experiments">All experiments</Link>
          </p>
        </>
      );
    }
    return <ErrorMessage message={state.message} onRetry={reload} />;
  }
  if (!experiment) return <Loading label="Loading the experiment…" />;

  const changed = (next: ExperimentView): void => {
    setData({ experiment: next });
    setResultsVersion((n) => n + 1);
  };
  const tz = me.practice.timeZone;

  return (
    <>
      <p>
        <Link to="/experiments" className="back-link">
          ← All experiments
        </Link>
      </p>
      <div className="page-header">
        <div>
          <h1>
            {experiment.plan.title}{" "}
            <span className={`${statusBadgeClass(experiment.status)} badge--heading`}>{STATUS_NAMES[experiment.status]}</span>
          </h1>
          <p className="muted">
            {DESIGN_NAMES[experiment.plan.design]} · {experiment.activeEnrolmentCount} of {experiment.plan.plannedClients} planned clients
            enrolled
            {experiment.finishedAt ? ` · finished ${formatTimestamp(experiment.finishedAt, tz)}` : ""}
          </p>
        </div>
        {experiment.status === "draft" ? (
          <div className="page-header__actions">
            <Link to={`/experiments/${encodeURIComponent(experiment.id)}/edit`} className="button button--secondary">
              Edit
            </Link>
          </div>
        ) : null}
      </div>
      {experiment.status === "draft" ? (
        <ConfirmAction
          label="Start (pre-register)"
          confirmLabel="Pre-register and start"
          explanation="Starting pre-registers the plan: the hypothesis, eligibility, protocols, design, outcomes and analysis plan are frozen, time-stamped and given a SHA-256 fingerprint. After that the plan is locked; it changes only by a listed amendment with a reason, which every report shows."
          onConfirm={async () => changed((await experimentsApi.start(experiment.id)).experiment)}
        />
      ) : null}

      <SectionIndex
        sections={[
          { id: "plan-heading", title: "The plan" },
          ...(experiment.registration ? [{ id: "registration-heading", title: "Pre-registration" }] : []),
          ...(experiment.status !== "draft" ? [{ id: "enrolment-heading", title: "Enrolment" }] : []),
          ...(experiment.registration ? [{ id: "results-heading", title: "Results" }] : []),
          ...(experiment.status === "running" ? [{ id: "finish-heading", title: "Finish" }] : []),
        ]}
      />
      <PlanSummary experiment={experiment} />
      {experiment.registration ? <RegistrationPanel experiment={experiment} onChanged={changed} /> : null}
      {experiment.status !== "draft" ? <EnrolmentPanel experiment={experiment} onChanged={changed} /> : null}
      {experiment.registration ? <ResultsPanel experiment={experiment} version={resultsVersion} /> : null}

      {experiment.status === "running" ? (
        <CollapsibleSection id="finish-heading" title="Finish">
          <p className="muted">Finishing closes enrolment. The results stay, and the registration record with them.</p>
          <ConfirmAction
            label="Finish experiment"
            confirmLabel="Finish now"
            className="button button--secondary"
            explanation="Finish this experiment? No more clients can be enrolled afterwards. Check-ins already scheduled still count towards the results."
            onConfirm={async () => changed((await experimentsApi.finish(experiment.id)).experiment)}
          />
        </CollapsibleSection>
      ) : null}
    </>
  );
}
