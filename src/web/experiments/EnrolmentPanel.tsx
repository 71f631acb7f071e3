import { useEffect, useState, type ReactNode } from "react";
import { errorMessage } from "../api";
import { CollapsibleSection } from "../components/Sections";
import type { Arm, EligibilityView, EnrolmentView, ExperimentView } from "../../experiments/schema.js";
import { SelectField, TextField } from "../components/Field";
import { ErrorMessage, Loading } from "../components/Status";
import { useAsync } from "../components/useAsync";
import { useFormSubmit } from "../components/useFormSubmit";
import { formatCalendarDate } from "../format";
import { Link } from "../router";
import { experimentsApi } from "./api";
import { isoDay } from "./plan-draft";

const ARM_OPTIONS: { value: Arm; label: string }[] = [
  { value: "intervention", label: "Intervention" },
  { value: "comparator", label: "Comparator" },
];

function armName(experiment: ExperimentView, arm: Arm): string {
  return arm === "intervention"
    ? `Intervention (${experiment.labels.interventionProtocol})`
    : `Comparator (${experiment.labels.comparator})`;
}

function EnrolForm({
  experiment,
  client,
  onChanged,
}: {
  experiment: ExperimentView;
  client: EligibilityView;
  onChanged: (e: ExperimentView) => void;
}): ReactNode {
  const registeredOn = experiment.registration ? isoDay(experiment.registration.at) : "";
  const [dataFrom, setDataFrom] = useState(registeredOn);
  const chooseArm = experiment.plan.design === "two-protocols" && experiment.plan.allocation === "therapist";
  const [arm, setArm] = useState<Arm | "">("");
  const { busy, error, errors, submit } = useFormSubmit();
  return (
    <form
      className="enrol-form"
      aria-label={`Enrol ${client.clientName}`}
      onSubmit={(event) => {
        event.preventDefault();
        submit(async () => {
          const input: { clientId: string; arm?: Arm; dataFrom?: string } = { clientId: client.clientId };
          if (dataFrom) input.dataFrom = dataFrom;
          if (chooseArm && arm) input.arm = arm;
          onChanged((await experimentsApi.enrol(experiment.id, input)).experiment);
        });
      }}
    >
      <TextField
        label="Include data from"
        type="date"
        value={dataFrom}
        error={errors.dataFrom}
        hint={dataFrom && dataFrom < registeredOn ? "Before registration: this client's data will be marked retrospective." : undefined}
        onChange={(e) => setDataFrom(e.target.value)}
      />
      {chooseArm ? (
        <SelectField
          label="Group"
          value={arm}
          error={errors.arm}
          options={[{ value: "", label: "Choose…" }, ...ARM_OPTIONS.map((o) => ({ value: o.value, label: armName(experiment, o.value) }))]}
          onChange={(e) => setArm(ARM_OPTIONS.find((o) => o.value === e.target.value)?.value ?? "")}
        />
      ) : null}
      <button type="submit" className="button button--primary" disabled={busy}>
        {busy ? "Enrolling…" : "Enrol"}
      </button>
      <ErrorMessage message={error} />
    </form>
  );
}

const SEARCH_DEBOUNCE_MS = 250;

function EligibilityCard({
  experiment,
  client,
  onChanged,
}: {
  experiment: ExperimentView;
  client: EligibilityView;
  onChanged: (e: ExperimentView) => void;
}): ReactNode {
  return (
    <li className={`eligibility${client.eligible ? "" : " eligibility--no"}`}>
      <h4 className="eligibility__name">
        <Link to={`/clients/${encodeURIComponent(client.clientId)}/timeline`}>{client.clientName}</Link>{" "}
        <span className={client.eligible ? "badge badge--ok" : "badge badge--muted"}>{client.eligible ? "Eligible" : "Not eligible"}</span>
      </h4>
      <ul className="criteria" aria-label={`Criteria for ${client.clientName}`}>
        {client.checks.map((check, i) => (
          <li key={i} className={check.met ? "criteria__met" : "criteria__unmet"}>
            <span className="criteria__mark" aria-hidden="true">
              {check.met ? "✓" : "✗"}
            </span>
            <span className="visually-hidden">{check.met ? "Met: " : "Not met: "}</span>
            <strong>{check.criterion}.</strong> <span className="muted">{check.evidence}</span>
          </li>
        ))}
      </ul>
      {client.eligible ? <EnrolForm experiment={experiment} client={client} onChanged={onChanged} /> : null}
    </li>
  );
}

/** The clients not yet enrolled, eligible ones or the others, a page at a time, with a name search. */
function EligibilityList({ experiment, onChanged }: { experiment: ExperimentView; onChanged: (e: ExperimentView) => void }): ReactNode {
  const [show, setShow] = useState<"eligible" | "ineligible">("eligible");
  const [typed, setTyped] = useState("");
  const [q, setQ] = useState("");
  useEffect(() => {
    if (typed.trim() === q) return;
    const timer = window.setTimeout(() => setQ(typed.trim()), SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [typed, q]);
  const key = `${experiment.id}:${experiment.enrolmentCount}:${experiment.updatedAt}:${show}:${q}`;
  const { state, reload } = useAsync(() => experimentsApi.eligibility(experiment.id, { show, q }), key);
  // Pages after the first, kept for the list they were asked for.
  const [more, setMore] = useState<{ key: string; clients: EligibilityView[]; cursor: string | null }>({
    key,
    clients: [],
    cursor: null,
  });
  const [moreState, setMoreState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  if (state.status === "error" && !state.data) return <ErrorMessage message={state.message} onRetry={reload} />;
  if (!state.data) return <Loading label="Checking eligibility…" />;
  const page = state.data;
  const extra = more.key === key ? more : { clients: [], cursor: null };
  const clients = [...page.clients, ...extra.clients];
  const cursor = extra.clients.length > 0 ? extra.cursor : page.nextCursor;
  const { eligible, ineligible } = page.counts;

  async function showMore(): Promise<void> {
    if (!cursor) return;
    setMoreState({ busy: true, error: null });
    try {
      const next = await experimentsApi.eligibility(experiment.id, { show, q, cursor });
      setMore({ key, clients: [...extra.clients, ...next.clients], cursor: next.nextCursor });
      setMoreState({ busy: false, error: null });
    } catch (error) {
      setMoreState({ busy: false, error: errorMessage(error) });
    }
  }

  const other = show === "eligible" ? "ineligible" : "eligible";
  return (
    <>
      <p className="muted">
        {eligible} eligible client{eligible === 1 ? "" : "s"} not yet enrolled; {ineligible} not eligible.{" "}
        {(show === "eligible" ? ineligible : eligible + ineligible) > 0 ? (
          <button type="button" className="button button--link" aria-pressed={show === "ineligible"} onClick={() => setShow(other)}>
            {show === "eligible" ? "Show clients who are not eligible" : "Show eligible clients"}
          </button>
        ) : null}
      </p>
      <TextField
        label="Find a client"
        type="search"
        value={typed}
        fieldClassName="eligibility-search"
        onChange={(e) => setTyped(e.target.value)}
      />
      <p className="muted" aria-live="polite">
        {q
          ? `${page.matching} ${show === "eligible" ? "eligible" : "not eligible"} client${page.matching === 1 ? "" : "s"} named “${q}”.`
          : show === "eligible"
            ? "Eligible clients, by name."
            : "Clients who are not eligible, by name."}
      </p>
      {state.status === "error" ? <ErrorMessage message={state.message} onRetry={reload} /> : null}
      <ul className="eligibility-list" aria-busy={state.status === "loading"}>
        {clients.map((client) => (
          <EligibilityCard key={client.clientId} experiment={experiment} client={client} onChanged={onChanged} />
        ))}
      </ul>
      {cursor ? (
        <p>
          <button type="button" className="button button--secondary" disabled={moreState.busy} onClick={() => void showMore()}>
            {moreState.busy ? "Loading…" : `Show more (${page.matching - clients.length} more)`}
          </button>
        </p>
      ) : null}
      <ErrorMessage message={moreState.error} />
    </>
  );
}

function WithdrawForm({
  experiment,
  enrolment,
  onChanged,
  onCancel,
}: {
  experiment: ExperimentView;
  enrolment: EnrolmentView;
  onChanged: (e: ExperimentView) => void;
  onCancel: () => void;
}): ReactNode {
  const [reason, setReason] = useState("");
  const { busy, error, errors, submit } = useFormSubmit();
  return (
    <form
      className="withdraw-form"
      aria-label={`Withdraw ${enrolment.clientName}`}
      onSubmit={(event) => {
        event.preventDefault();
        submit(async () => onChanged((await experimentsApi.withdraw(experiment.id, enrolment.clientId, reason)).experiment));
      }}
    >
      <TextField label="Reason for withdrawal" value={reason} error={errors.reason} onChange={(e) => setReason(e.target.value)} />
      <div className="form-actions form-actions--start">
        <button type="submit" className="button button--danger" disabled={busy}>
          {busy ? "Withdrawing…" : "Withdraw"}
        </button>
        <button type="button" className="button button--quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
      <ErrorMessage message={error} />
    </form>
  );
}

function EnrolledTable({ experiment, onChanged }: { experiment: ExperimentView; onChanged: (e: ExperimentView) => void }): ReactNode {
  const [withdrawing, setWithdrawing] = useState<string | null>(null);
  // Later pages, kept while the experiment is the one (and the version) they were loaded for.
  const key = `${experiment.id}:${experiment.version}`;
  const [later, setLater] = useState<{ key: string; items: EnrolmentView[]; cursor: string | null } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);
  if (experiment.enrolmentCount === 0) return <p className="muted">No one enrolled yet.</p>;
  const extra = later?.key === key ? later : null;
  const enrolments = [...experiment.enrolments, ...(extra?.items ?? [])];
  const cursor = extra ? extra.cursor : experiment.enrolmentsNextCursor;

  async function showMore(): Promise<void> {
    if (!cursor) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await experimentsApi.enrolments(experiment.id, cursor);
      setLater({ key, items: [...(extra?.items ?? []), ...page.items], cursor: page.nextCursor });
    } catch (error) {
      setMoreError(errorMessage(error));
    } finally {
      setLoadingMore(false);
    }
  }
  return (
    <div className="table-wrap">
      <table className="table table--compact enrolled">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Client</th>
            <th scope="col">Group</th>
            <th scope="col">Allocation</th>
            <th scope="col">Data from</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {enrolments.map((e) => (
            <tr key={e.clientId}>
              <td>{e.position}</td>
              <td>
                <Link to={`/clients/${encodeURIComponent(e.clientId)}/timeline`} className="table__primary">
                  {e.clientName}
                </Link>
              </td>
              <td>{armName(experiment, e.arm)}</td>
              <td className="muted">{e.allocationNote}</td>
              <td>
                {formatCalendarDate(e.dataFrom)}{" "}
                {e.retrospective ? (
                  <span className="badge badge--warn" title="Includes data recorded before the experiment was registered">
                    Retrospective
                  </span>
                ) : null}
              </td>
              <td>
                {e.withdrawnAt ? (
                  <>
                    <span className="badge badge--muted">Withdrawn</span> <span className="muted">{e.withdrawnReason}</span>
                  </>
                ) : experiment.status !== "running" ? (
                  <span className="badge badge--ok">Enrolled</span>
                ) : withdrawing === e.clientId ? (
                  <WithdrawForm
                    experiment={experiment}
                    enrolment={e}
                    onChanged={(next) => {
                      setWithdrawing(null);
                      onChanged(next);
                    }}
                    onCancel={() => setWithdrawing(null)}
                  />
                ) : (
                  <button
                    type="button"
                    className="button button--danger-quiet"
                    aria-label={`Withdraw ${e.clientName}`}
                    onClick={() => setWithdrawing(e.clientId)}
                  >
                    Withdraw
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {cursor ? (
        <p>
          <button type="button" className="button button--secondary" disabled={loadingMore} onClick={() => void showMore()}>
            {loadingMore ? "Loading…" : `Show more (${enrolments.length} of ${experiment.enrolmentCount} shown)`}
          </button>
        </p>
      ) : null}
      {moreError ? <ErrorMessage message={moreError} onRetry={() => void showMore()} /> : null}
    </div>
  );
}

/** Who is enrolled, and (while running) who else is eligible, criterion by criterion. */
export function EnrolmentPanel({
  experiment,
  onChanged,
}: {
  experiment: ExperimentView;
  onChanged: (e: ExperimentView) => void;
}): ReactNode {
  return (
    <CollapsibleSection id="enrolment-heading" title="Enrolment">
      <h3>Enrolled clients</h3>
      <EnrolledTable experiment={experiment} onChanged={onChanged} />
      {experiment.status === "running" ? (
        <>
          <h3>Eligible clients</h3>
          <EligibilityList experiment={experiment} onChanged={onChanged} />
        </>
      ) : null}
    </CollapsibleSection>
  );
}
