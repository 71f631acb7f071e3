import { techniqueName } from "../../shared/vocabulary/catalogue.js";
import { regionName } from "../../shared/vocabulary/regions.js";
import type { Step } from "../vocabulary/validators.js";

/**
 * Plain sentences saying how the steps done differ from the protocol version applied: steps added,
 * removed, or done with other minutes, direction or intensity. Steps are matched on technique,
 * region and side, in order.
 */
export function describeDeviation(
  planned: readonly Step[],
  done: readonly Step[],
  customNames: ReadonlyMap<string, string> = new Map(),
): string[] {
  const key = (s: Step) => `${s.technique}|${s.regionCode ?? ""}|${s.side ?? ""}`;
  const remaining = [...planned];
  const sentences: string[] = [];
  const label = (s: Step) => techniqueName(s.technique, customNames).toLowerCase();
  const where = (s: Step) => (s.regionCode ? ` on ${regionName(s.regionCode).toLowerCase()}${s.side ? ` (${s.side})` : ""}` : "");
  for (const step of done) {
    const index = remaining.findIndex((p) => key(p) === key(step));
    const plan = index >= 0 ? remaining.splice(index, 1)[0] : undefined;
    if (!plan) {
      sentences.push(`Added: ${label(step)}${where(step)}`);
      continue;
    }
    if (plan.minutes !== step.minutes) {
      sentences.push(`Changed: ${label(step)} ${minutesChange(plan.minutes, step.minutes)}`);
    }
    if (plan.direction !== step.direction) {
      sentences.push(`Changed: ${label(step)} direction ${words(plan.direction)} → ${words(step.direction)}`);
    }
    if (plan.intensity !== step.intensity) {
      sentences.push(`Changed: ${label(step)} intensity ${words(plan.intensity)} → ${words(step.intensity)}`);
    }
  }
  for (const plan of remaining) sentences.push(`Removed: ${label(plan)}${where(plan)}`);
  return sentences;
}

/** "10 → 15 min", or "no time set → 15 min" when one side has no minutes. */
function minutesChange(before: number | null, after: number | null): string {
  if (before !== null && after !== null) return `${before} → ${after} min`;
  const show = (v: number | null) => (v === null ? "no time set" : `${v} min`);
  return `${show(before)} → ${show(after)}`;
}

function words(code: string | null): string {
  return code === null ? "none" : code.replaceAll("_", " ");
}
