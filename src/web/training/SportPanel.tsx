import { useState, type ReactNode } from "react";
import { api, errorMessage } from "../api";
import { useCan } from "../session";
import { SPORT_NAMES, sportName, sportSourceText } from "./sport";
import type { ActivityDetail } from "./types";

/**
 * The activity's sport, where it came from (the file, inferred with its evidence, or corrected by
 * a therapist), and a control to correct it: the activity is recomputed as the chosen sport.
 */
export function SportPanel({
  activity,
  onCorrected,
}: {
  activity: ActivityDetail;
  onCorrected: (next: ActivityDetail) => void;
}): ReactNode {
  const can = useCan();
  const [chosen, setChosen] = useState<string>(activity.sport);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  async function save(): Promise<void> {
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      const { activity: next } = await api.correctSport(activity.id, chosen);
      setSaved(`Saved: recomputed as ${sportName(next.sport).toLowerCase()}.`);
      onCorrected(next);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="sport-heading">
      <h2 id="sport-heading">Sport</h2>
      <p>
        <strong>{sportName(activity.sport)}</strong> <span className="muted">{sportSourceText(activity)}</span>
      </p>
      {can("schedule.write") ? (
        <form
          className="sport-correction"
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <label>
            <span>Correct the sport</span>
            <select value={chosen} onChange={(e) => setChosen(e.target.value)}>
              {Object.entries(SPORT_NAMES).map(([value, name]) => (
                <option key={value} value={value}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="button button--secondary" disabled={busy || chosen === activity.sport}>
            Save sport
          </button>
        </form>
      ) : null}
      {error ? (
        <div className="alert alert--error" role="alert">
          <p>{error}</p>
        </div>
      ) : null}
      {saved ? (
        <p className="muted" role="status">
          {saved}
        </p>
      ) : null}
    </section>
  );
}
