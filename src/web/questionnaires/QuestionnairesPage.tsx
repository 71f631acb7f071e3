import { useState, type ReactNode } from "react";
import { UWRI, WORDING_ENTERED_BY_PRACTICE, type QuestionnaireDefinition, type UwriWording } from "../../shared/measures";
import { TextField } from "../components/Field";
import { ErrorMessage, Loading, SuccessMessage } from "../components/Status";
import { useAsync } from "../components/useAsync";
import { useFormSubmit } from "../components/useFormSubmit";
import { useTitle } from "../components/useTitle";
import { Link } from "../router";
import { useCan } from "../session";
import { questionnaireApi, type Questionnaire } from "./api";
import { setCatalogue } from "./catalogue";
import { BLANK_QUESTIONNAIRE, draftOf, QuestionnaireForm } from "./QuestionnaireForm";

function QuestionnaireCard({ questionnaire, onSaved }: { questionnaire: Questionnaire; onSaved: (message: string) => void }): ReactNode {
  const [editing, setEditing] = useState(false);
  const can = useCan();
  const [latest] = questionnaire.versions;
  if (!latest) return null;
  const definition = latest.definition as QuestionnaireDefinition;
  return (
    <li className="card" aria-label={definition.title}>
      <div className="card__head">
        <h2>{definition.title}</h2>
        {!editing && can("clinical.create") ? (
          <button type="button" className="button button--secondary" onClick={() => setEditing(true)}>
            Edit
          </button>
        ) : null}
      </div>
      {editing ? (
        <>
          {latest.frozenAt ? (
            <p className="notice">
              Version {latest.number} is in use: saving makes version {latest.number + 1}; answers keep the version they were given with.
            </p>
          ) : null}
          <QuestionnaireForm
            initial={draftOf(definition)}
            submitLabel="Save questionnaire"
            onCancel={() => setEditing(false)}
            onSave={async (body) => {
              const { questionnaire: saved } = await questionnaireApi.revise(questionnaire.id, questionnaire.version, body);
              setEditing(false);
              onSaved(
                `Saved ${(saved.versions[0]?.definition as QuestionnaireDefinition).title} (version ${saved.versions[0]?.number ?? 1}).`,
              );
            }}
          />
        </>
      ) : (
        <p className="muted">
          Version {latest.number}
          {latest.frozenAt ? " (in use)" : " (not used yet)"} · {definition.items.length} item{definition.items.length === 1 ? "" : "s"} ·{" "}
          {definition.scoring.method === "none" ? "no score" : `scored as a ${definition.scoring.method}`}
          {definition.mcid ? ` · MCID ${definition.mcid.points} points (${definition.mcid.source})` : ""}
        </p>
      )}
    </li>
  );
}

/** The UWRI's item and option wording, typed from the practice's own copy of the instrument. */
function UwriWordingForm({ existing, onSaved }: { existing: Questionnaire | undefined; onSaved: (message: string) => void }): ReactNode {
  const initial = (existing?.versions[0]?.definition as UwriWording | undefined) ?? {
    items: UWRI.items.map(() => ({ text: "", options: ["", "", "", "", ""] })),
  };
  const [wording, setWording] = useState(initial);
  const [open, setOpen] = useState(false);
  const { busy, error, errors, submit } = useFormSubmit();
  const setItem = (index: number, next: Partial<UwriWording["items"][number]>): void =>
    setWording((old) => ({ items: old.items.map((item, i) => (i === index ? { ...item, ...next } : item)) }));
  return (
    <section className="card" aria-labelledby="uwri-heading">
      <h2 id="uwri-heading">{UWRI.name}</h2>
      <p className="muted">
        Palpable keeps the UWRI&apos;s topics, its 0–36 scoring and its MCID ({UWRI.mcid?.points} points), but not its wording, which could
        not be checked against the published instrument. If your practice holds the instrument, type each item and its five answers (scored
        0 to 4) from your copy; it is then marked “{WORDING_ENTERED_BY_PRACTICE}” and can be used in check-in plans.
        {existing ? ` Entered: version ${existing.versions[0]?.number ?? 1}.` : ""}
      </p>
      {!open ? (
        <button type="button" className="button button--secondary" onClick={() => setOpen(true)}>
          {existing ? "Edit the UWRI wording" : "Enter the UWRI wording"}
        </button>
      ) : (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            submit(async () => {
              await questionnaireApi.saveUwriWording(existing ? existing.version : null, wording);
              setOpen(false);
              onSaved("Saved the UWRI wording.");
            });
          }}
        >
          <ErrorMessage message={error} />
          {UWRI.items.map((item, index) => (
            <fieldset key={item.id}>
              <legend>
                Item {index + 1} (topic: {item.topic})
              </legend>
              <TextField
                label={`Item ${index + 1} wording`}
                value={wording.items[index]?.text ?? ""}
                error={errors[`items.${index}.text`]}
                onChange={(e) => setItem(index, { text: e.target.value })}
              />
              {[0, 1, 2, 3, 4].map((score) => (
                <TextField
                  key={score}
                  label={`Item ${index + 1}, answer scored ${score}`}
                  value={wording.items[index]?.options[score] ?? ""}
                  error={errors[`items.${index}.options.${score}`]}
                  onChange={(e) =>
                    setItem(index, { options: (wording.items[index]?.options ?? []).map((o, i) => (i === score ? e.target.value : o)) })
                  }
                />
              ))}
            </fieldset>
          ))}
          <div className="form-actions">
            <button type="submit" className="button button--primary" disabled={busy}>
              Save the UWRI wording
            </button>
            <button type="button" className="button button--secondary" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

/** `/questionnaires`: the practice's own questions, usable in check-in plans like the library's measures. */
export function QuestionnairesPage(): ReactNode {
  useTitle("Questionnaires");
  const can = useCan();
  const { state, reload } = useAsync(async () => {
    const result = await questionnaireApi.list();
    setCatalogue(result.questionnaires);
    return result;
  }, "questionnaires");
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  if (state.status === "error" && !state.data) return <ErrorMessage message={state.message} onRetry={reload} />;
  if (!state.data) return <Loading label="Loading questionnaires…" />;
  const saved = (message: string): void => {
    setNotice(message);
    reload();
  };
  const own = state.data.questionnaires.filter((q) => q.basedOn === null);
  const uwri = state.data.questionnaires.find((q) => q.basedOn === "uwri");
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Questionnaires</h1>
          <p className="muted">
            Your practice&apos;s own questions. Use them in <Link to="/checkin-plans">check-in plans</Link> like the library&apos;s
            measures; once a plan uses one or a client answers it, edits make a new version.
          </p>
        </div>
        <div className="page-header__actions">
          {!creating && can("clinical.create") ? (
            <button type="button" className="button button--primary" onClick={() => setCreating(true)}>
              New questionnaire
            </button>
          ) : null}
        </div>
      </div>
      <SuccessMessage message={notice} />
      {creating ? (
        <section className="card" aria-labelledby="new-questionnaire-heading">
          <h2 id="new-questionnaire-heading">New questionnaire</h2>
          <QuestionnaireForm
            initial={BLANK_QUESTIONNAIRE}
            submitLabel="Create questionnaire"
            onCancel={() => setCreating(false)}
            onSave={async (body) => {
              const { questionnaire } = await questionnaireApi.create(body);
              setCreating(false);
              saved(`Created ${(questionnaire.versions[0]?.definition as QuestionnaireDefinition).title}.`);
            }}
          />
        </section>
      ) : null}
      {own.length === 0 && !creating ? <p className="empty">No questionnaires of your own yet.</p> : null}
      <ul className="plans">
        {own.map((questionnaire) => (
          <QuestionnaireCard key={questionnaire.id} questionnaire={questionnaire} onSaved={saved} />
        ))}
      </ul>
      {can("clinical.create") ? <UwriWordingForm key={uwri?.version ?? 0} existing={uwri} onSaved={saved} /> : null}
    </>
  );
}
