/**
 * Generates the large practice the practice benchmark runs against: the demo practice (logins,
 * protocols, check-in plans, experiments, real analysed runs) as the template, then thousands of
 * clients cloned from it with bulk multi-row inserts through the app's own schema (migrations
 * run first). The practice is renamed to its size key only when every row is in, so a half-built
 * practice is never reused.
 */
import { createHash } from "node:crypto";
import { sql, type Insertable } from "kysely";
import type { Database, Executor } from "../../src/db/database.js";
import type { DatabaseSchema } from "../../src/db/schema.js";
import { seedDemo } from "../../src/demo/seed.js";
import { seededRandom, type Random } from "../../src/demo/random.js";
import { hashLinkToken } from "../../src/platform/link-token.js";
import { systemClock } from "../../src/shared/clock.js";
import type { BlobStore } from "../../src/platform/storage/blob-store.js";

export interface PracticeSizes {
  clients: number;
  sessions: number;
  findings: number;
  steps: number;
  checkins: number;
  answers: number;
  activities: number;
  audit: number;
  /** Enrolled clients of the three benchmark experiments. */
  enrolled: number[];
  /** Check-ins left open (due, unanswered) for the link GET/POST measurements. */
  openCheckins: number;
}

export const FULL_SIZES: PracticeSizes = {
  clients: 2040,
  sessions: 50_000,
  findings: 125_000,
  steps: 175_000,
  checkins: 199_000,
  answers: 201_000,
  activities: 100_000,
  audit: 500_000,
  enrolled: [10, 50, 200],
  openCheckins: 6000,
};

export const SMALL_SIZES: PracticeSizes = {
  clients: 204,
  sessions: 5000,
  findings: 12_500,
  steps: 17_500,
  checkins: 19_900,
  answers: 20_100,
  activities: 10_000,
  audit: 50_000,
  enrolled: [10, 50, 200],
  openCheckins: 3000,
};

/** Raised when the generated practice changes shape, so an older one is not reused. */
const GENERATOR_VERSION = 2;

export function sizeKey(sizes: PracticeSizes): string {
  return createHash("sha256")
    .update(JSON.stringify({ ...sizes, generator: GENERATOR_VERSION }))
    .digest("hex")
    .slice(0, 10);
}

export function benchPracticeName(sizes: PracticeSizes): string {
  return `Bench practice ${sizeKey(sizes)}`;
}

/** The link token of open check-in number i: derived, so the benchmark knows it without storing it. */
export function benchToken(i: number): string {
  return createHash("sha256").update(`bench-token-${i}`).digest("base64url");
}

const DAY_MS = 86_400_000;

type Row<T extends keyof DatabaseSchema> = Insertable<DatabaseSchema[T]>;

/** Multi-row inserts sized under both databases' bind-parameter limits. */
async function insertMany<T extends keyof DatabaseSchema>(db: Executor, table: T, rows: Row<T>[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0] as object).length;
  const perStatement = Math.max(1, Math.floor(30_000 / columns));
  for (let i = 0; i < rows.length; i += perStatement) {
    await db
      .insertInto(table)
      .values(rows.slice(i, i + perStatement))
      .execute();
  }
}

/**
 * Buffers rows per table and flushes them in one transaction per batch, tables always in the order
 * they were first written (a parent before its children): a batch that starts mid-session would
 * otherwise insert the next session's steps before the session itself.
 */
class Writer {
  private readonly pending = new Map<string, unknown[]>();
  private readonly order: string[] = [];
  private count = 0;
  constructor(private readonly database: Database) {}

  add<T extends keyof DatabaseSchema>(table: T, row: Row<T>): Promise<void> | undefined {
    let list = this.pending.get(table);
    if (!list) this.pending.set(table, (list = []));
    if (!this.order.includes(table)) this.order.push(table);
    list.push(row);
    this.count += 1;
    return this.count >= 50_000 ? this.flush() : undefined;
  }

  async flush(): Promise<void> {
    const batches = this.order.flatMap((table) => {
      const rows = this.pending.get(table);
      return rows ? [[table, rows] as const] : [];
    });
    this.pending.clear();
    this.count = 0;
    await this.database.db.transaction().execute(async (tx) => {
      for (const [table, rows] of batches) {
        await insertMany(tx, table as keyof DatabaseSchema, rows as never);
      }
    });
  }
}

function uuid(random: Random): string {
  const hex = (n: number) =>
    Array.from({ length: n }, () =>
      Math.floor(random.next() * 16)
        .toString(16)
        .toLowerCase(),
    ).join("");
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${"89ab"[Math.floor(random.next() * 4)]}${hex(3)}-${hex(12)}`;
}

/** Spreads `total` over `buckets` as evenly as whole numbers allow. */
function share(total: number, buckets: number, index: number): number {
  return Math.floor((total * (index + 1)) / buckets) - Math.floor((total * index) / buckets);
}

export interface GeneratedPractice {
  practiceId: string;
  seconds: number;
}

export async function generatePractice(
  database: Database,
  blobs: BlobStore,
  sizes: PracticeSizes,
  log: (line: string) => void,
): Promise<GeneratedPractice> {
  const started = performance.now();
  const clock = systemClock;
  const now = clock.now();
  if (database.dialect === "sqlite") await sql`PRAGMA synchronous = OFF`.execute(database.db);
  const { practiceId } = await seedDemo(database, clock, blobs, { training: true });
  log(`  demo template seeded (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  const db = database.db;
  const scope = { practiceId };
  const owner = await db
    .selectFrom("practitioner")
    .select("id")
    .where("practice_id", "=", practiceId)
    .where("role", "=", "owner")
    .executeTakeFirstOrThrow();
  const templateClients = await db.selectFrom("client").selectAll().where("practice_id", "=", practiceId).execute();
  const templateSessions = await db
    .selectFrom("treatment_session")
    .selectAll()
    .where("practice_id", "=", practiceId)
    .where("status", "=", "signed")
    .execute();
  const templateFindings = await db.selectFrom("session_finding").selectAll().where("practice_id", "=", practiceId).execute();
  const templateSteps = await db.selectFrom("session_step").selectAll().where("practice_id", "=", practiceId).execute();
  const templateRevisions = await db
    .selectFrom("session_revision")
    .selectAll()
    .where("practice_id", "=", practiceId)
    .where("kind", "=", "signed")
    .execute();
  const templateActivities = await db.selectFrom("activity").selectAll().where("practice_id", "=", practiceId).execute();
  const templateOutcomes = new Map(
    (await db.selectFrom("activity_outcome").selectAll().where("practice_id", "=", practiceId).execute()).map((row) => [
      row.activity_id,
      row.features_json,
    ]),
  );
  const templateComplaints = await db.selectFrom("complaint").selectAll().where("practice_id", "=", practiceId).execute();
  const templateAnswers = await db.selectFrom("checkin_answer").selectAll().where("practice_id", "=", practiceId).execute();
  const plan = await db
    .selectFrom("checkin_plan")
    .selectAll()
    .where("practice_id", "=", practiceId)
    .orderBy("created_at")
    .executeTakeFirstOrThrow();
  // The demo's two-protocol experiment: a primary and a secondary measure and a running outcome.
  const experiment = await db
    .selectFrom("experiment")
    .selectAll()
    .where("practice_id", "=", practiceId)
    .where("plan_json", "like", '%"design":"two-protocols"%')
    .orderBy("created_at")
    .executeTakeFirstOrThrow();
  if (templateSessions.length === 0 || templateActivities.length === 0 || templateAnswers.length === 0)
    throw new Error("demo template is missing rows");

  const random = seededRandom(12_2026);
  const writer = new Writer(database);
  const extraClients = Math.max(0, sizes.clients - templateClients.length);
  const clientIds: string[] = [];
  const complaintOf = new Map<string, string>();
  for (let i = 0; i < extraClients; i++) {
    const template = templateClients[i % templateClients.length]!;
    const id = uuid(random);
    clientIds.push(id);
    const first = template.first_name;
    const last = `${template.last_name}-${i}`;
    await writer.add("client", {
      ...template,
      id,
      last_name: last,
      email: `bench${i}@example.com`,
      email_key: `bench${i}@example.com`,
      search_text: `${first} ${last} bench${i}@example.com`.toLowerCase(),
    });
    await writer.add("client_consent_event", {
      id: uuid(random),
      practice_id: practiceId,
      client_id: id,
      kind: "checkin_messages",
      granted: 1,
      effective_on: "2024-01-01",
      recorded_at: "2024-01-01T09:00:00.000Z",
      recorded_by: owner.id,
      source: "practitioner",
      seq: 1,
    });
    const complaint = templateComplaints[i % templateComplaints.length];
    if (complaint) {
      const complaintId = uuid(random);
      complaintOf.set(id, complaintId);
      await writer.add("complaint", { ...complaint, id: complaintId, client_id: id });
    }
  }
  await writer.flush();
  log(`  ${extraClients} clients`);

  // Sessions spread over three years, oldest first per client; findings, steps, a signed revision each.
  const span = 3 * 365 * DAY_MS;
  const sessions: { id: string; clientId: string; startedAt: number }[] = [];
  let findingsLeft = sizes.findings;
  let stepsLeft = sizes.steps;
  for (let c = 0; c < clientIds.length; c++) {
    const clientId = clientIds[c]!;
    const count = share(sizes.sessions, clientIds.length, c);
    for (let k = 0; k < count; k++) {
      const template = templateSessions[random.int(0, templateSessions.length - 1)]!;
      const id = uuid(random);
      const startedAt = now.getTime() - span + Math.floor(((k + random.next()) / count) * (span - DAY_MS));
      const at = new Date(startedAt).toISOString();
      sessions.push({ id, clientId, startedAt });
      await writer.add("treatment_session", {
        ...template,
        id,
        client_id: clientId,
        practitioner_id: owner.id,
        started_at: at,
        signed_at: at,
        created_at: at,
        updated_at: at,
      });
      const complaintId = complaintOf.get(clientId);
      if (complaintId)
        await writer.add("session_complaint", { practice_id: practiceId, session_id: id, complaint_id: complaintId, position: 0 });
      const revision = templateRevisions[random.int(0, templateRevisions.length - 1)];
      if (revision)
        await writer.add("session_revision", { ...revision, id: uuid(random), session_id: id, at, by_practitioner_id: owner.id });
      const sessionsLeft = sizes.sessions - sessions.length + 1;
      const findings = Math.round(findingsLeft / sessionsLeft);
      for (let f = 0; f < findings; f++) {
        const row = templateFindings[random.int(0, templateFindings.length - 1)]!;
        await writer.add("session_finding", { ...row, id: uuid(random), session_id: id, position: f });
      }
      findingsLeft -= findings;
      const steps = Math.round(stepsLeft / sessionsLeft);
      for (let s = 0; s < steps; s++) {
        const row = templateSteps[random.int(0, templateSteps.length - 1)]!;
        await writer.add("session_step", { ...row, id: uuid(random), session_id: id, position: s });
      }
      stepsLeft -= steps;
    }
  }
  await writer.flush();
  log(`  ${sessions.length} sessions, ${sizes.findings - findingsLeft} findings, ${sizes.steps - stepsLeft} steps`);

  // Check-ins: a few per session; the newest `openCheckins` are due now and unanswered (the
  // benchmark's link pages), every other one answered, some twice.
  const offsets = [1, 3, 7, 14, 28];
  const open = Math.min(sizes.openCheckins, sizes.checkins);
  const answered = sizes.checkins - open;
  let extraVersions = Math.max(0, sizes.answers - answered);
  for (let i = 0; i < sizes.checkins; i++) {
    const session = sessions[Math.floor((i * sessions.length) / sizes.checkins)]!;
    const id = uuid(random);
    const isOpen = i >= answered;
    const offset = offsets[i % offsets.length]!;
    const due = isOpen
      ? now.getTime() - random.int(1, 48) * 3_600_000
      : Math.min(session.startedAt + offset * DAY_MS, now.getTime() - 10 * DAY_MS);
    const openIndex = i - answered;
    await writer.add("checkin", {
      id,
      practice_id: practiceId,
      client_id: session.clientId,
      session_id: session.id,
      plan_id: plan.id,
      measure_codes_json: plan.measure_codes_json,
      offset_days: offset,
      token_sha256: isOpen ? hashLinkToken(benchToken(openIndex)) : createHash("sha256").update(id).digest("hex"),
      due_at: new Date(due).toISOString(),
      expires_at: new Date(due + (isOpen ? 14 : plan.expires_after_days) * DAY_MS).toISOString(),
      sent_at: new Date(due).toISOString(),
      opened_at: isOpen ? null : new Date(due + 3_600_000).toISOString(),
      answered_at: isOpen ? null : new Date(due + 7_200_000).toISOString(),
      created_at: new Date(session.startedAt).toISOString(),
      cancelled_at: null,
      rescheduled_to_id: null,
    });
    if (!isOpen) {
      const versions = extraVersions > 0 && random.chance(0.05) ? 2 : 1;
      if (versions === 2) extraVersions -= 1;
      for (let v = 1; v <= versions; v++) {
        const template = templateAnswers[random.int(0, templateAnswers.length - 1)]!;
        await writer.add("checkin_answer", {
          id: uuid(random),
          practice_id: practiceId,
          checkin_id: id,
          version: v,
          answers_json: template.answers_json,
          submitted_at: new Date(due + 7_200_000 + v * 60_000).toISOString(),
        });
      }
    }
  }
  await writer.flush();
  log(`  ${sizes.checkins} check-ins (${open} open)`);

  // Activities: analysed runs cloned from the demo's, each with its file row.
  for (let c = 0; c < clientIds.length; c++) {
    const clientId = clientIds[c]!;
    const count = share(sizes.activities, clientIds.length, c);
    for (let k = 0; k < count; k++) {
      const template = templateActivities[random.int(0, templateActivities.length - 1)]!;
      const start = new Date(now.getTime() - span + Math.floor(((k + random.next()) / count) * span)).toISOString();
      const fileId = uuid(random);
      await writer.add("training_file", {
        id: fileId,
        practice_id: practiceId,
        client_id: clientId,
        sha256: createHash("sha256").update(fileId).digest("hex"),
        file_name: `run-${k}.fit`,
        format: "fit",
        size_bytes: 100_000,
        imported_at: start,
        warnings_json: "[]",
      });
      const activityId = uuid(random);
      await writer.add("activity", {
        ...template,
        id: activityId,
        client_id: clientId,
        file_id: fileId,
        start_time: start,
        analysed_at: start,
      });
      const features = templateOutcomes.get(template.id);
      if (features) await writer.add("activity_outcome", { activity_id: activityId, practice_id: practiceId, features_json: features });
    }
  }
  await writer.flush();
  log(`  ${sizes.activities} activities`);

  // Three more experiments like it, still running (so their results are computed on every
  // request, never reused), with 10 / 50 / 200 enrolled clients.
  for (const [n, enrolled] of sizes.enrolled.entries()) {
    const experimentId = uuid(random);
    await writer.add("experiment", {
      ...experiment,
      id: experimentId,
      title: `${experiment.title} (${enrolled} enrolled, copy ${n + 1})`,
      status: "running",
      finished_at: null,
    });
    for (let e = 0; e < Math.min(enrolled, clientIds.length); e++) {
      await writer.add("experiment_enrolment", {
        id: uuid(random),
        practice_id: practiceId,
        experiment_id: experimentId,
        client_id: clientIds[(e * 7 + n) % clientIds.length]!,
        position: e + 1,
        arm: e % 2 === 0 ? "intervention" : "comparator",
        allocation_note: `Alternating: client ${e + 1}.`,
        data_from: new Date(now.getTime() - 365 * DAY_MS).toISOString().slice(0, 10),
        enrolled_at: new Date(now.getTime() - 365 * DAY_MS).toISOString(),
        enrolled_by: owner.id,
        eligibility_json: "[]",
        withdrawn_at: null,
        withdrawn_reason: null,
      });
    }
  }
  await writer.flush();

  // The audit log: reads and writes spread over three years.
  const actions = ["read", "read", "read", "update", "create", "sign", "export", "submit_checkin"] as const;
  for (let i = 0; i < sizes.audit; i++) {
    const clientId = clientIds[random.int(0, clientIds.length - 1)]!;
    const action = actions[i % actions.length]!;
    await writer.add("audit_events", {
      id: uuid(random),
      practice_id: practiceId,
      occurred_at: new Date(now.getTime() - span + Math.floor((i / sizes.audit) * span)).toISOString(),
      actor_kind: action === "submit_checkin" ? "client" : "practitioner",
      actor_id: action === "submit_checkin" ? null : owner.id,
      action,
      resource_type: "client",
      resource_id: clientId,
      client_id: clientId,
      ip: `10.0.${i % 250}.${(i >> 8) % 250}`,
      user_agent: "bench",
      outcome: "success",
      detail_json: null,
    });
  }
  await writer.flush();
  log(`  ${sizes.audit} audit events`);

  await db
    .updateTable("practice")
    .set({ name: benchPracticeName(sizes) })
    .where("id", "=", scope.practiceId)
    .execute();
  if (database.dialect === "sqlite") await sql`PRAGMA synchronous = FULL`.execute(database.db);
  return { practiceId, seconds: (performance.now() - started) / 1000 };
}
