import { useEffect, useState, type ReactNode } from "react";
import { DraftRestored, DraftStatus } from "../components/DraftStatus";
import { draftsApi, useFormDraft } from "../components/useFormDraft";
import { errorMessage } from "../api";
import { checkinApi, type CheckinPlan } from "../checkins/api";
import { SelectField, TextAreaField, TextField } from "../components/Field";
import { useFormSubmit } from "../components/useFormSubmit";
import { ErrorMessage, Loading, SuccessMessage } from "../components/Status";
import { useAsync } from "../components/useAsync";
import { useTitle } from "../components/useTitle";
import { formatTimestamp } from "../format";
import { useMe } from "../session";
import { useLocation } from "../router";
import { clinicalApi } from "./api";
import { describeStep, emptyStep, StepList } from "./StepList";
import type { Protocol, ProtocolInput, Vocabulary } from "./types";
import { addTechniqueToVocabulary, useVocabulary } from "./vocabulary";

function ProtocolForm({
  initial,
  vocabulary,
  plans,
  submitLabel,
  onSave,
  onCancel,
  draftKey,
}: {
  initial: ProtocolInput;
  vocabulary: Vocabulary;
  plans: CheckinPlan[];
  submitLabel: string;
  onSave: (input: ProtocolInput) => Promise<void>;
  onCancel: () => void;
  draftKey: string;
}): ReactNode {
  const [input, setInput] = useState(initial);
  const kept = useFormDraft({ key: draftKey, clientId: null, value: input, pristine: initial, restore: setInput });
  const { busy, error, errors, submit } = useFormSubmit();
  const patch = (next: Partial<ProtocolInput>): void => setInput((old) => ({ ...old, ...next }));
  return (
    <form
      className="protocol-form"
      onSubmit={(event) => {
        event.preventDefault();
        submit(async () => {
          await onSave(input);
          kept.committed(input);
        });
      }}
    >
      <ErrorMessage message={error} />
      <DraftRestored draft={kept} />
      <TextField label="Protocol name" required value={input.name} error={errors.name} onChange={(e) => patch({ name: e.target.value })} />
      <TextAreaField
        label="Description"
        value={input.description ?? ""}
        onChange={(e) => patch({ description: e.target.value === "" ? null : e.target.value })}
      />
      <div className="grid grid--2">
        <TextField
          label="Planned sessions"
          type="number"
          min={1}
          max={50}
          value={input.plannedSessions}
          error={errors.plannedSessions}
          onChange={(e) => patch({ plannedSessions: Number(e.target.value) })}
        />
        <TextField
          label="Days between sessions"
          type="number"
          min={0}
          max={90}
          value={input.spacingDays}
          error={errors.spacingDays}
          onChange={(e) => patch({ spacingDays: Number(e.target.value) })}
        />
      </div>
      <SelectField
        label="Check-in plan after signing"
        hint="Scheduled automatically when a session that applied this protocol is signed, if the client consents to check-in messages."
        value={input.checkinPlanId ?? ""}
        error={errors.checkinPlanId}
        options={[{ value: "", label: "None" }, ...plans.map((plan) => ({ value: plan.id, label: plan.name }))]}
        onChange={(e) => patch({ checkinPlanId: e.target.value === "" ? null : e.target.value })}
      />
      <h3>Technique steps</h3>
      {errors.steps ? <p className="field__error">{errors.steps}</p> : null}
      <StepList steps={input.steps} onChange={(steps) => patch({ steps })} vocabulary={vocabulary} errors={errors} />
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? "Saving…" : submitLabel}
        </button>
        <button
          type="button"
          className="button button--quiet"
          onClick={() => {
            kept.discard();
            onCancel();
          }}
        >
          Cancel
        </button>
        <DraftStatus draft={kept} />
      </div>
    </form>
  );
}

function Versions({ protocolId, vocabulary }: { protocolId: string; vocabulary: Vocabulary }): ReactNode {
  const me = useMe();
  const { state, reload } = useAsync(() => clinicalApi.protocol(protocolId), protocolId);
  if (state.status === "error") return <ErrorMessage message={state.message} onRetry={reload} />;
  if (!state.data) return <Loading label="Loading versions…" />;
  return (
    <ol className="versions" aria-label="Versions">
      {state.data.versions.map((version) => (
        <li key={version.id}>
          <strong>
            v{version.version} · {version.name}
          </strong>{" "}
          <span className="muted">
            {formatTimestamp(version.createdAt, me.practice.timeZone)} by {version.createdBy} · {version.plannedSessions} sessions,{" "}
            {version.spacingDays} days apart
          </span>
          <ol>
            {version.steps.map((step, index) => (
              <li key={index}>{describeStep(step, vocabulary)}</li>
            ))}
          </ol>
        </li>
      ))}
    </ol>
  );
}

function ProtocolCard({
  protocol,
  vocabulary,
  plans,
  onSaved,
}: {
  protocol: Protocol;
  vocabulary: Vocabulary;
  plans: CheckinPlan[];
  onSaved: (message: string) => void;
}): ReactNode {
  const [mode, setMode] = useState<"view" | "edit" | "versions">("view");
  const current = protocol.current;
  return (
    <li className="card protocol" id={`protocol-${protocol.id}`} tabIndex={-1}>
      <div className="card__head">
        <h2>
          {protocol.name} <span className="badge badge--muted">v{current.version}</span>
        </h2>
        <div className="page-header__actions">
          <button type="button" className="button button--secondary" onClick={() => setMode(mode === "edit" ? "view" : "edit")}>
            New version
          </button>
          <button
            type="button"
            className="button button--quiet"
            aria-expanded={mode === "versions"}
            onClick={() => setMode(mode === "versions" ? "view" : "versions")}
          >
            Versions
          </button>
        </div>
      </div>
      {current.description ? <p>{current.description}</p> : null}
      <p className="muted">
        {current.plannedSessions} session{current.plannedSessions === 1 ? "" : "s"}, {current.spacingDays} days apart
        {current.checkinPlanId
          ? ` · check-ins: ${plans.find((plan) => plan.id === current.checkinPlanId)?.name ?? "a check-in plan"}, scheduled when a session is signed`
          : ""}
      </p>
      <ol>
        {current.steps.map((step, index) => (
          <li key={index}>{describeStep(step, vocabulary)}</li>
        ))}
      </ol>
      {mode === "edit" ? (
        <ProtocolForm
          initial={{
            name: current.name,
            description: current.description,
            steps: current.steps,
            plannedSessions: current.plannedSessions,
            spacingDays: current.spacingDays,
            checkinPlanId: current.checkinPlanId,
          }}
          vocabulary={vocabulary}
          plans={plans}
          submitLabel="Save new version"
          draftKey={`protocol:${protocol.id}`}
          onCancel={() => setMode("view")}
          onSave={async (input) => {
            const { protocol: saved } = await clinicalApi.newProtocolVersion(protocol.id, current.version, input);
            setMode("view");
            onSaved(`Saved ${saved.name} v${saved.current.version}. Sessions keep the version they used.`);
          }}
        />
      ) : null}
      {mode === "versions" ? <Versions protocolId={protocol.id} vocabulary={vocabulary} /> : null}
    </li>
  );
}

/** The practice's own techniques, beside the catalogue ones every step can use. */
function CustomTechniques({ vocabulary }: { vocabulary: Vocabulary }): ReactNode {
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const custom = vocabulary.techniques.filter((technique) => technique.custom);
  return (
    <section className="card" aria-labelledby="techniques-heading">
      <h2 id="techniques-heading">Your own techniques</h2>
      <p className="muted">
        {custom.length ? custom.map((technique) => technique.name).join(", ") : "None yet: steps use the standard catalogue."}
      </p>
      <form
        className="inline-add"
        onSubmit={(event) => {
          event.preventDefault();
          setBusy(true);
          setError(null);
          clinicalApi
            .addTechnique(name.trim())
            .then(({ technique }) => {
              addTechniqueToVocabulary(technique);
              setName("");
            })
            .catch((err: unknown) => setError(errorMessage(err)))
            .finally(() => setBusy(false));
        }}
      >
        <input
          aria-label="Technique name"
          placeholder="e.g. Instrument-assisted release"
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit" className="button button--secondary" disabled={busy || !name.trim()}>
          Add technique
        </button>
      </form>
      <ErrorMessage message={error} />
    </section>
  );
}

/** `/protocols`: the practice's versioned treatment recipes. */
export function ProtocolsPage(): ReactNode {
  useTitle("Protocols");
  const { state, reload } = useAsync(() => clinicalApi.protocols(), "protocols");
  const checkinPlans = useAsync(() => checkinApi.plans(), "checkin-plans");
  const plans = checkinPlans.state.data?.plans ?? [];
  const vocab = useVocabulary();
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  // `?id=` (a search result) brings that protocol into view once the list is there.
  const wanted = useLocation().search.get("id");
  const loaded = state.data !== undefined && vocab.state.status === "ready";
  useEffect(() => {
    if (!wanted || !loaded) return;
    const card = document.getElementById(`protocol-${wanted}`);
    card?.scrollIntoView({ block: "start" });
    card?.focus({ preventScroll: true });
  }, [wanted, loaded]);
  // A new protocol left half-typed opens again with its draft.
  useEffect(() => {
    let live = true;
    draftsApi
      .get("protocol:new")
      .then(({ draft }) => {
        if (live && draft) setCreating(true);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);

  if (vocab.state.status === "error") return <ErrorMessage message={vocab.state.message} onRetry={vocab.retry} />;
  if (state.status === "error" && !state.data) return <ErrorMessage message={state.message} onRetry={reload} />;
  if (!state.data || vocab.state.status === "loading") return <Loading label="Loading protocols…" />;
  const vocabulary = vocab.state.vocabulary;
  const saved = (message: string): void => {
    setNotice(message);
    reload();
  };

  return (
    <>
      <div className="page-header">
        <div>
          <h1>Protocols</h1>
          <p className="muted">Named, versioned recipes of technique steps, applied to a session with one tap.</p>
        </div>
        {!creating ? (
          <div className="page-header__actions">
            <button type="button" className="button button--primary" onClick={() => setCreating(true)}>
              New protocol
            </button>
          </div>
        ) : null}
      </div>
      <SuccessMessage message={notice} />
      {creating ? (
        <section className="card" aria-labelledby="new-protocol-heading">
          <h2 id="new-protocol-heading">New protocol</h2>
          <ProtocolForm
            initial={{
              name: "",
              description: null,
              steps: [emptyStep(vocabulary)],
              plannedSessions: 2,
              spacingDays: 7,
              checkinPlanId: null,
            }}
            vocabulary={vocabulary}
            plans={plans}
            submitLabel="Create protocol"
            draftKey="protocol:new"
            onCancel={() => setCreating(false)}
            onSave={async (input) => {
              const { protocol } = await clinicalApi.createProtocol(input);
              setCreating(false);
              saved(`Created ${protocol.name}.`);
            }}
          />
        </section>
      ) : null}
      {state.data.protocols.length === 0 && !creating ? <p className="empty">No protocols yet.</p> : null}
      <ul className="protocols">
        {state.data.protocols.map((protocol) => (
          <ProtocolCard key={protocol.id} protocol={protocol} vocabulary={vocabulary} plans={plans} onSaved={saved} />
        ))}
      </ul>
      <CustomTechniques vocabulary={vocabulary} />
    </>
  );
}
