import { SESSION_MEASURE_FIELDS, isAskable, isMcidImprovement, type Measure, type MeasureCatalogue } from "../../shared/measures";
import { currentCatalogue } from "../questionnaires/catalogue";
import type { CheckinState, StoredAnswer } from "../../checkins/schema";
import type { MeasurePair } from "../clinical/types";

/**
 * Measures a check-in link can ask, mirroring the server's rule (no placeholder wording). The
 * server checks again; this only keeps impossible choices off the form.
 */
export function checkinMeasures(catalogue: MeasureCatalogue): readonly Measure[] {
  return catalogue.all().filter(isAskable);
}

export function measureName(code: string): string {
  return currentCatalogue().byCode(code)?.shortName ?? code;
}

function measureByCode(code: string): Measure | undefined {
  return currentCatalogue().byCode(code);
}

/** "Same day", "1 day after", "3 days after" (the session). */
export function daysAfterLabel(days: number): string {
  if (days === 0) return "Same day";
  return `${days} day${days === 1 ? "" : "s"} after`;
}

export const STATE_LABELS: Record<CheckinState, string> = {
  scheduled: "Scheduled",
  sent: "Sent",
  opened: "Opened",
  answered: "Answered",
  expired: "Expired",
  cancelled: "Cancelled",
};

export function stateBadgeClass(state: CheckinState): string {
  switch (state) {
    case "answered":
      return "badge badge--ok";
    case "expired":
    case "cancelled":
      return "badge badge--muted";
    case "sent":
    case "opened":
      return "badge badge--warn";
    case "scheduled":
      return "badge badge--scheduled";
  }
}

/** Which of the session's pre-treatment ratings a check-in measure is compared with (same 0–10 scale). */
const PRE_TREATMENT_FIELD: Partial<Record<string, keyof MeasurePair>> = SESSION_MEASURE_FIELDS;

function formatScore(score: number): string {
  return Number.isInteger(score) ? String(score) : score.toFixed(1);
}

/** One answer in plain words, e.g. "Tightness: 3". */
export function describeAnswer(code: string, answer: StoredAnswer): string {
  const measure = measureByCode(code);
  const name = measure?.shortName ?? code;
  switch (answer.kind) {
    case "item-scale":
      return `${name}: ${answer.score ?? "not scored"}`;
    case "categorical": {
      const label =
        measure?.kind === "categorical"
          ? (measure.options.find((o) => o.value === answer.category)?.label ?? answer.category)
          : answer.category;
      return `${name}: ${label}${answer.text ? ` — “${answer.text}”` : ""}`;
    }
    case "free-text":
      return `${name}: “${answer.text}”`;
    case "patient-specific": {
      const mean = Number.isInteger(answer.score) ? String(answer.score) : answer.score.toFixed(1);
      return `${name}: ${mean} (${answer.activities.map((a) => `${a.activity} ${a.rating}`).join(", ")})`;
    }
    case "questionnaire":
      return `${name}: ${answer.score === null ? "answered" : formatScore(answer.score)} (version ${answer.version})`;
  }
}

/**
 * The change from the session's pre-treatment value to the check-in answer against the measure's
 * MCID (or practice threshold), in a sentence: "tightness 7 → 3: a change of 4, more than the
 * 2-point practice threshold". Null when there is nothing to compare.
 */
export function describeChange(code: string, answer: StoredAnswer, pre: MeasurePair): string | null {
  const measure = measureByCode(code);
  if (!measure || answer.kind !== "item-scale" || answer.score === null) return null;
  const field = PRE_TREATMENT_FIELD[code];
  const before = field ? pre[field] : null;
  if (!field || before === null) return null;
  const judgement = isMcidImprovement(measure, before, answer.score);
  if (judgement.kind !== "judged") return null;
  const { threshold, improvementPoints } = judgement;
  const thresholdName = threshold.statistic === "practice-convention" ? "practice threshold" : threshold.statistic;
  const band = [threshold.points !== null ? `${threshold.points}-point` : null, threshold.percent !== null ? `${threshold.percent}%` : null]
    .filter(Boolean)
    .join(" or ");
  const direction = improvementPoints > 0 ? " (better)" : improvementPoints < 0 ? " (worse)" : "";
  const verdict = judgement.improved ? "more than" : "less than";
  return `${field} ${before} → ${answer.score}: a change of ${Math.abs(improvementPoints)}${direction}, ${verdict} the ${band} ${thresholdName}`;
}
