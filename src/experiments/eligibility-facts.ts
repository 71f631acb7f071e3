/**
 * What eligibility is checked against (eligibility.ts is the pure check): one client's complaints,
 * latest findings and recent runs, read from the clinical and training records in this one place.
 */
import { listComplaints } from "../clinical/complaints/repository.js";
import { listFindings, listSessions } from "../clinical/sessions/repository.js";
import type { PracticeScope } from "../shared/scope.js";
import { listActivities } from "../training/repository.js";
import type { EligibilityFacts } from "./eligibility.js";
import type { ExperimentPlan } from "./schema.js";
import type { ExperimentDeps } from "./service.js";

const DAY_MS = 86_400_000;

/** The facts about one client that the plan's eligibility criteria ask about, as of now. */
export async function eligibilityFacts(
  deps: ExperimentDeps,
  scope: PracticeScope,
  clientId: string,
  plan: ExperimentPlan,
): Promise<EligibilityFacts> {
  const db = deps.database.db;
  const now = deps.clock.now().getTime();
  const complaints = (await listComplaints(db, scope, clientId)).map((c) => ({
    title: c.title,
    regions: JSON.parse(c.regions_json) as string[],
    status: c.status,
  }));
  let latestFindings: EligibilityFacts["latestFindings"] = null;
  if (plan.eligibility.requiredFindings.length > 0) {
    // A note marked entered in error is not evidence.
    const sessions = (await listSessions(db, scope, clientId)).filter((s) => s.entered_in_error_at === null);
    const findings = await listFindings(
      db,
      scope,
      sessions.map((s) => s.id),
    );
    const latest = sessions.find((s) => findings.some((f) => f.session_id === s.id));
    if (latest) {
      latestFindings = {
        sessionAt: latest.started_at,
        findings: findings
          .filter((f) => f.session_id === latest.id)
          .map((f) => ({
            regionCode: f.region_code,
            tension: f.tension,
            tenderness: f.tenderness,
            texture: f.texture,
            adhesion: f.adhesion,
            temperature: f.temperature,
            textureDescriptor: f.texture_descriptor,
          })),
      };
    }
  }
  let runs: EligibilityFacts["runs"] = [];
  if (plan.eligibility.training) {
    const since = new Date(now - plan.eligibility.training.weeks * 7 * DAY_MS).toISOString();
    // A run recorded by two devices is one run: only its primary recording.
    runs = (await listActivities(db, scope, clientId, { since, countedOnly: true })).map((a) => ({
      startTime: Date.parse(a.start_time),
      labels: (JSON.parse(a.labels_json) as { kind: string }[]).map((l) => l.kind),
    }));
  }
  return { complaints, latestFindings, runs, now };
}
