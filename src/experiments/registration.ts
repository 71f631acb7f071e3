/**
 * Pre-registration: the plan, the protocol versions it refers to and the analysis plan, frozen as
 * canonical JSON (RFC 8785, so the same content always gives the same bytes) and hashed with
 * SHA-256. Anyone holding the record can recompute the hash shown on every report.
 */
import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import { MIN_CLIENTS, MIN_CLIENTS_FOR_INTERVAL, MIN_POINTS_PER_PHASE } from "./analysis.js";
import { MAX_BASELINE_AGE_DAYS, OUTCOME_WINDOW_DAYS } from "./outcomes.js";
import type { ExperimentPlan } from "./schema.js";

export const REGISTRATION_FORMAT = "palpable-experiment-registration/1";

export interface RegistrationRecord {
  format: typeof REGISTRATION_FORMAT;
  experimentId: string;
  registeredAt: string;
  plan: ExperimentPlan;
  /** The protocol versions current at registration, so a later protocol edit is visible. */
  protocolVersions: { protocolId: string; version: number; name: string }[];
  allocationSeed: string | null;
  analysisPlan: string[];
}

/** The analysis as it will be run, in words, frozen with the plan. */
export function analysisPlan(plan: ExperimentPlan): string[] {
  const primary = plan.primaryOutcome;
  const lines = [
    `Primary outcome: change in ${primary.measureCode} from the value at (or just before) each client's first session of their arm to the value nearest day ${primary.days} (day ${Math.max(0, primary.days - OUTCOME_WINDOW_DAYS)} to ${primary.days + OUTCOME_WINDOW_DAYS}).`,
    `A responder improves by at least ${primary.mcid === null ? "the measure's published MCID in points, or its percentage criterion where it has one (or its labelled practice convention)" : `${primary.mcid} points`}. The baseline is the value at that session, else the last value in the ${MAX_BASELINE_AGE_DAYS} days before it; GROC, a rating of change, counts only when it followed that session.`,
    `Only signed sessions and the check-ins that followed them count.`,
    `Per client: phase means and medians, level change, NAP, Tau-U (A vs B, and with baseline-trend correction) and PND, each B phase against the A phase before it, contrasts combined by summing; only with at least ${MIN_POINTS_PER_PHASE} points in each phase.`,
    `Across clients: responder proportion with a Wilson 95% interval (with at least ${MIN_CLIENTS} clients) and the median change, with a seeded percentile bootstrap 95% interval (10,000 resamples) from ${MIN_CLIENTS_FOR_INTERVAL} clients on.`,
  ];
  if (plan.design === "two-protocols") {
    lines.push(
      `Protocol comparison: difference in responder proportions with Newcombe's hybrid score 95% interval, and the posterior probability that the intervention's responder rate is higher (independent Beta(1,1) priors); only with at least ${MIN_CLIENTS} clients per group.`,
    );
  }
  lines.push("Withdrawn clients are listed and not analysed; missing outcomes are reported, never imputed.");
  return lines;
}

export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error("Cannot serialise the registration record");
  return text;
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

export function registrationRecord(input: Omit<RegistrationRecord, "format" | "analysisPlan">): { json: string; sha256: string } {
  const record: RegistrationRecord = { format: REGISTRATION_FORMAT, ...input, analysisPlan: analysisPlan(input.plan) };
  const json = canonicalJson(record);
  return { json, sha256: sha256Hex(json) };
}

/** Hash of a plan alone, shown as "current plan" next to the registration hash after amendments. */
export function planSha256(plan: ExperimentPlan): string {
  return sha256Hex(canonicalJson(plan));
}
