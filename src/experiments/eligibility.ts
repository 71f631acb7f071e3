/** Whether a client meets an experiment's eligibility, criterion by criterion, with the evidence. Pure. */
import { GRADES } from "../shared/vocabulary/catalogue.js";
import { REGIONS, regionName } from "../shared/vocabulary/regions.js";
import { LABELS } from "../shared/labels.js";
import type { CriterionCheck, Eligibility, FindingCriterion } from "./schema.js";

const DAY_MS = 86_400_000;
const PARENT = new Map(REGIONS.map((r) => [r.code, r.parent]));

/** True when `code` is `ancestor` or lies inside it (rectus femoris distal third is inside quadriceps). */
export function regionWithin(code: string, ancestor: string): boolean {
  let current: string | null | undefined = code;
  while (current) {
    if (current === ancestor) return true;
    current = PARENT.get(current);
  }
  return false;
}

export interface EligibilityFacts {
  complaints: { title: string; regions: string[]; status: string }[];
  /** The most recent signed session that recorded findings, if any. */
  latestFindings: { sessionAt: string; findings: FindingFact[] } | null;
  /** Runs in the training window with their label kinds. */
  runs: { startTime: number; labels: string[] }[];
  now: number;
}

export interface FindingFact {
  regionCode: string;
  tension: number | null;
  tenderness: number | null;
  texture: number | null;
  adhesion: number | null;
  temperature: number | null;
  textureDescriptor: string | null;
}

export function checkEligibility(rules: Eligibility, facts: EligibilityFacts): { eligible: boolean; checks: CriterionCheck[] } {
  const checks: CriterionCheck[] = [];
  if (rules.complaintRegions.length > 0) checks.push(complaintCheck(rules.complaintRegions, facts));
  for (const criterion of rules.requiredFindings) checks.push(findingCheck(criterion, facts));
  if (rules.training) checks.push(trainingCheck(rules.training, facts));
  return { eligible: checks.every((c) => c.met), checks };
}

function complaintCheck(regions: readonly string[], facts: EligibilityFacts): CriterionCheck {
  const names = regions.map(regionName).join(" or ");
  const criterion = `An active complaint in ${names}`;
  const match = facts.complaints.find(
    (c) => c.status !== "resolved" && c.regions.some((r) => regions.some((wanted) => regionWithin(r, wanted))),
  );
  return match
    ? { criterion, met: true, evidence: `“${match.title}” (${match.status}) involves ${match.regions.map(regionName).join(", ")}.` }
    : { criterion, met: false, evidence: "No active or improving complaint in these regions." };
}

export function describeFinding(c: FindingCriterion): string {
  const grade = GRADES[c.minGrade] ?? String(c.minGrade);
  const descriptor = c.descriptor ? `, ${c.descriptor}` : "";
  return `${c.quality} at least ${grade}${descriptor} in ${regionName(c.regionCode)}`;
}

function findingCheck(c: FindingCriterion, facts: EligibilityFacts): CriterionCheck {
  const criterion = `Finding: ${describeFinding(c)}`;
  const latest = facts.latestFindings;
  if (!latest) return { criterion, met: false, evidence: "No signed session with findings yet." };
  const date = latest.sessionAt.slice(0, 10);
  const match = latest.findings.find(
    (f) =>
      regionWithin(f.regionCode, c.regionCode) &&
      (f[c.quality] ?? 0) >= c.minGrade &&
      (c.descriptor === null || f.textureDescriptor === c.descriptor),
  );
  return match
    ? {
        criterion,
        met: true,
        evidence: `Recorded on ${date}: ${c.quality} ${GRADES[match[c.quality] ?? 0] ?? ""} in ${regionName(match.regionCode)}${match.textureDescriptor ? ` (${match.textureDescriptor})` : ""}.`,
      }
    : { criterion, met: false, evidence: `Not in the latest signed findings (${date}).` };
}

function trainingCheck(rule: NonNullable<Eligibility["training"]>, facts: EligibilityFacts): CriterionCheck {
  const names = rule.patterns.map((p) => LABELS[p].adjective).join(", ");
  const criterion = `At least ${rule.minRunsPerWeek} ${names} run(s) a week over the last ${rule.weeks} weeks`;
  const since = facts.now - rule.weeks * 7 * DAY_MS;
  const matching = facts.runs.filter(
    (run) =>
      run.startTime >= since && run.startTime <= facts.now && run.labels.some((l) => (rule.patterns as readonly string[]).includes(l)),
  );
  const perWeek = matching.length / rule.weeks;
  return {
    criterion,
    met: perWeek >= rule.minRunsPerWeek - 1e-9,
    evidence: `${matching.length} such run(s) in ${rule.weeks} weeks (${perWeek.toFixed(1)} a week).`,
  };
}
