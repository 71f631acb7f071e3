/**
 * The practice benchmark: a large generated practice (bench/practice/generate.ts) on SQLite, or on
 * PostgreSQL when DATABASE_URL is set, served by the real server (the build, `palpable start`),
 * measured the way the web app and clients use it.
 *
 *   npm run bench:practice [-- --small] [-- --clients N --sessions N --findings N --steps N
 *     --checkins N --answers N --activities N --audit N] [-- --requests N] [-- --regenerate]
 *     [-- --data-dir DIR] [-- --schema NAME] [-- --links-only]
 *     [-- --profile DIR]  (the server writes a V8 CPU profile into DIR when it stops)
 *
 * The practice is generated once per size and database and reused (SQLite: a data dir under the
 * OS temp dir named by the sizes; PostgreSQL: a schema bench_practice_<key>); --regenerate
 * rebuilds it. --data-dir and --schema (PostgreSQL) put it elsewhere, e.g. to keep a practice migrated
 * by another line of work apart. Prints one table row per measurement and, last, one summary line.
 *
 * Generation time (2 shared cores, busy): `--small` 47 s on SQLite (24 s of it the demo
 * template, whose runs are parsed from generated FIT files; the rest multi-row inserts) and
 * 105 s on PostgreSQL (49 s template). The bulk part grows linearly: the full size took 81 s on
 * SQLite and 308 s on PostgreSQL (2 cores, with other work running; up to 7.5 and 12 minutes on a
 * busier machine), once; later runs reuse it and take under a minute. KB/req is the decoded body.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import pg from "pg";
import { openDatabase, type Database } from "../../src/db/database.js";
import { migrateToLatest } from "../../src/db/migrate.js";
import { DEMO_LOGINS, DEMO_PASSWORD } from "../../src/demo/seed.js";
import { DiskBlobStore } from "../../src/platform/storage/blob-store.js";
import { hashLinkToken } from "../../src/platform/link-token.js";
import { benchPracticeName, benchToken, FULL_SIZES, generatePractice, sizeKey, SMALL_SIZES, type PracticeSizes } from "./generate.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const numberOption = (name: string, fallback: number): number => {
  const raw = option(name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a whole number, got "${raw}"`);
  return value;
};

const base = flag("small") ? SMALL_SIZES : FULL_SIZES;
const sizes: PracticeSizes = {
  ...base,
  clients: numberOption("clients", base.clients),
  sessions: numberOption("sessions", base.sessions),
  findings: numberOption("findings", base.findings),
  steps: numberOption("steps", base.steps),
  checkins: numberOption("checkins", base.checkins),
  answers: numberOption("answers", base.answers),
  activities: numberOption("activities", base.activities),
  audit: numberOption("audit", base.audit),
};
const REQUESTS = numberOption("requests", 20);
/** Measures only /api/health and the check-in links (a quick look at the busiest pages there are). */
const LINKS_ONLY = flag("links-only");
/** A page is cut short after this long so a pathological page cannot stall the run. */
const PAGE_BUDGET_MS = 20_000;
const databaseUrl = process.env.DATABASE_URL?.trim();
const key = sizeKey(sizes);

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

async function adminQuery(url: string, statement: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(statement);
  } finally {
    await client.end();
  }
}

function withSearchPath(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set("options", `-c search_path=${schema}`);
  return parsed.toString();
}

/**
 * Makes the benchmark's link check-ins new again, so every run measures the same work: each GET
 * is a first opening (it writes `opened_at`) and each POST stores a first answer. A reused
 * practice would otherwise serve links opened and answered by an earlier run, which write nothing.
 * On PostgreSQL the tables are then vacuumed and analysed, as autovacuum would have done to a
 * database that grew over years rather than in minutes.
 */
async function rearmLinks(database: Database): Promise<void> {
  const db = database.db;
  const expiresAt = new Date(Date.now() + 14 * 86_400_000).toISOString();
  for (let from = 0; from < sizes.openCheckins; from += 500) {
    const hashes = Array.from({ length: Math.min(500, sizes.openCheckins - from) }, (_, k) => hashLinkToken(benchToken(from + k)));
    const ids = (await db.selectFrom("checkin").select("id").where("token_sha256", "in", hashes).execute()).map((r) => r.id);
    if (ids.length === 0) continue;
    await db.transaction().execute(async (tx) => {
      await tx.deleteFrom("checkin_answer").where("checkin_id", "in", ids).execute();
      await tx.updateTable("checkin").set({ opened_at: null, answered_at: null, expires_at: expiresAt }).where("id", "in", ids).execute();
    });
  }
  if (database.dialect === "postgres") await sql`vacuum analyze`.execute(db);
}

/** Opens (generating when needed) the benchmark practice; returns what the server needs. */
async function preparePractice(): Promise<{ dataDir: string; env: Record<string, string>; generated: number | undefined }> {
  const dataDir = option("data-dir") ?? path.join(os.tmpdir(), `palpable-bench-practice-${databaseUrl ? "pg" : "sqlite"}-${key}`);
  const schema = option("schema") ?? `bench_practice_${key}`;
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`--schema must be a lower-case SQL name, got "${schema}"`);
  const regenerate = flag("regenerate");
  let database: Database;
  if (databaseUrl) {
    if (regenerate) await adminQuery(databaseUrl, `drop schema if exists ${schema} cascade`);
    await adminQuery(databaseUrl, `create schema if not exists ${schema}`);
    database = openDatabase({ kind: "postgres", url: databaseUrl }, { searchPath: schema });
  } else {
    if (regenerate) fs.rmSync(dataDir, { recursive: true, force: true });
    database = openDatabase({ kind: "sqlite", file: path.join(dataDir, "palpable.sqlite") });
  }
  let generated: number | undefined;
  try {
    await migrateToLatest(database);
    const practices = await database.db.selectFrom("practice").select("name").execute();
    const ready = practices.length === 1 && practices[0]!.name === benchPracticeName(sizes);
    if (!ready) {
      if (practices.length > 0) {
        await database.close();
        throw new Error(`A half-generated benchmark practice is in the way; run again with --regenerate`);
      }
      log(`generating the practice (${JSON.stringify(sizes)})…`);
      const result = await generatePractice(database, new DiskBlobStore(path.join(dataDir, "blobs")), sizes, log);
      generated = result.seconds;
      log(`generated in ${result.seconds.toFixed(1)} s`);
    } else {
      log(`reusing the practice in ${databaseUrl ? `schema ${schema}` : dataDir}`);
    }
    await rearmLinks(database);
  } finally {
    await database.close().catch(() => undefined);
  }
  const env: Record<string, string> = { PALPABLE_DATA_DIR: dataDir };
  if (databaseUrl) env.DATABASE_URL = withSearchPath(databaseUrl, schema);
  return { dataDir, env, generated };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/**
 * CPU time the main thread of a process has used so far, in ms (Linux /proc, clock ticks of
 * 10 ms): the event loop's own work, without worker threads (heavy pages warming up, checkpoints),
 * as time in the process itself and in the kernel on its behalf (system calls: sockets, files).
 */
function cpuSplitMs(pid: number): { user: number; system: number } {
  const fields = fs.readFileSync(`/proc/${pid}/task/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the command name.
  return { user: Number(fields[11]) * 10, system: Number(fields[12]) * 10 };
}

/** Peak resident memory of a process so far (Linux VmHWM), in MB. */
function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

async function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const build = spawnSync(process.execPath, ["scripts/build.mjs", "--server"], { cwd: ROOT, encoding: "utf8" });
  if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}${build.stderr}`);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const profile = option("profile");
  const profiling = profile ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(profile)}`] : [];
  const child = spawn(process.execPath, [...profiling, "bin/palpable.mjs", "start"], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      HOST: "127.0.0.1",
      PALPABLE_BASE_URL: url,
      PALPABLE_SCHEDULER: "off",
      PALPABLE_TRUST_PROXY: "127.0.0.1",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (let i = 0; i < 600; i++) {
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return { child, url };
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) throw new Error(`the server stopped (exit ${child.exitCode})`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the server did not start within 60 s");
}

interface Stats {
  count: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  rps: number;
  bytes: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * `users` concurrent loops issue `total` requests in all; make(i) builds request i. Stops early
 * after the page budget. Latencies are whole request times, body read.
 */
async function load(users: number, total: number, make: (i: number) => { url: string; init?: RequestInit }): Promise<Stats> {
  const latencies: number[] = [];
  let errors = 0;
  let bytes = 0;
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < total && performance.now() - started < PAGE_BUDGET_MS) {
      const i = next++;
      const { url, init } = make(i);
      const t = performance.now();
      try {
        const response = await fetch(url, init);
        const body = await response.arrayBuffer();
        bytes += body.byteLength;
        if (response.status >= 400) errors += 1;
      } catch {
        errors += 1;
      }
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: users }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    count: latencies.length,
    errors,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    rps: latencies.length / seconds,
    bytes: latencies.length > 0 ? bytes / latencies.length : 0,
  };
}

const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "-");

function row(name: string, users: number, s: Stats): void {
  console.log(
    `${name.padEnd(34)} ${String(users).padStart(5)} ${String(s.count).padStart(5)} ${String(s.errors).padStart(4)} ${ms(s.p50).padStart(9)} ${ms(s.p95).padStart(9)} ${ms(s.p99).padStart(9)} ${s.rps.toFixed(0).padStart(7)} ${(s.bytes / 1024).toFixed(1).padStart(9)}`,
  );
}

async function main(): Promise<void> {
  const { env, generated } = await preparePractice();
  // Ids the pages need, read before the server holds the data dir.
  const ids = await pickIds(env);
  const { child, url } = await startServer(env);
  const pid = child.pid!;
  try {
    const owner = DEMO_LOGINS[0];
    const signIn = await fetch(`${url}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: url },
      body: JSON.stringify({ email: owner.email, password: DEMO_PASSWORD }),
    });
    if (!signIn.ok) throw new Error(`sign-in failed: ${signIn.status} ${await signIn.text()}`);
    const cookie = signIn.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const headers = { cookie, origin: url, "accept-encoding": "gzip, br" };

    const pages: [string, string][] = [
      ["me", "/api/me"],
      ["vocabulary", "/api/vocabulary"],
      ["team", "/api/team"],
      // As the client list asks: 50 at a time.
      ["clients (first page)", "/api/clients?status=active&limit=50&offset=0"],
      ["clients (search)", "/api/clients?status=active&limit=50&offset=0&q=bench1"],
      ["client", `/api/clients/${ids.busyClient}`],
      ["client activities", `/api/clients/${ids.busyClient}/activities`],
      ["client training weeks", `/api/clients/${ids.busyClient}/training/weeks`],
      ["activity", `/api/activities/${ids.activity}`],
      ["client complaints", `/api/clients/${ids.busyClient}/complaints`],
      ["client sessions", `/api/clients/${ids.busyClient}/sessions`],
      ["session", `/api/sessions/${ids.session}`],
      ["session history", `/api/sessions/${ids.session}/history`],
      ["timeline (busiest client)", `/api/clients/${ids.busyClient}/timeline`],
      ["client check-ins", `/api/clients/${ids.busyClient}/checkins`],
      ["client case reports", `/api/clients/${ids.busyClient}/case-reports`],
      ["client outcomes", `/api/clients/${ids.busyClient}/outcomes?at=${encodeURIComponent(new Date().toISOString())}`],
      ["due check-ins", "/api/checkins/due"],
      ["check-in plans", "/api/checkin-plans"],
      ["protocols", "/api/protocols"],
      ["outbox", "/api/outbox"],
      ["experiments", "/api/experiments"],
      ["patterns", "/api/patterns?weeks=12"],
      ["search", "/api/search?q=bench1"],
      ["client intakes", `/api/clients/${ids.busyClient}/intakes`],
      ["client intake link", `/api/clients/${ids.busyClient}/intake-link`],
      ["client runs link", `/api/clients/${ids.busyClient}/runs-link`],
      ["client signed consents", `/api/clients/${ids.busyClient}/signed-consents`],
      ["client profile history", `/api/clients/${ids.busyClient}/profile-history`],
      ["consent text", "/api/consent-text"],
      ["questionnaires", "/api/questionnaires"],
      ["recent steps", "/api/recent-steps"],
      ["draft (session form)", `/api/drafts?key=${encodeURIComponent(`session:new:${ids.busyClient}`)}`],
      ["protocol", `/api/protocols/${ids.protocol}`],
      ["check-in plan", `/api/checkin-plans/${ids.plan}`],
      ["audit log (practice)", "/api/audit"],
      ["audit log (one client)", `/api/audit?client=${ids.busyClient}`],
      ...ids.experiments.map(([n, id]): [string, string] => [`experiment results (${n} enrolled)`, `/api/experiments/${id}/results`]),
      ...ids.experiments.slice(0, 1).map(([, id]): [string, string] => ["experiment", `/api/experiments/${id}`]),
      ...ids.experiments.slice(-1).flatMap(([n, id]): [string, string][] => [
        [`experiment eligibility (${n} enrolled)`, `/api/experiments/${id}/eligibility`],
        [`experiment eligibility, not eligible`, `/api/experiments/${id}/eligibility?show=ineligible`],
        [`experiment eligibility, name search`, `/api/experiments/${id}/eligibility?show=all&q=-12`],
        [`experiment enrolments (${n} enrolled)`, `/api/experiments/${id}/enrolments`],
      ]),
    ];

    console.log(
      `practice: ${JSON.stringify(sizes)} on ${databaseUrl ? "PostgreSQL" : "SQLite"}${generated !== undefined ? `, generated in ${generated.toFixed(1)} s` : ", reused"}`,
    );
    console.log(`${"measurement".padEnd(34)} users     n  err   p50 ms    p95 ms    p99 ms   req/s    KB/req`);
    let worstP95 = 0;
    let worstPage = "";
    let heaviest = pages[0]![1];
    for (const [name, pathname] of LINKS_ONLY ? [] : pages) {
      const one = await load(1, REQUESTS, () => ({ url: url + pathname, init: { headers } }));
      row(name, 1, one);
      const eight = await load(8, REQUESTS * 2, () => ({ url: url + pathname, init: { headers } }));
      row(name, 8, eight);
      if (one.errors > 0 || eight.errors > 0) log(`  ${name}: ${one.errors + eight.errors} error answers`);
      if (one.p95 > worstP95) {
        worstP95 = one.p95;
        worstPage = name;
        heaviest = pathname;
      }
    }

    // Check-in links: distinct tokens, each from its own client address; the GETs open the first
    // half of the open check-ins for the first time, the POSTs answer the second half once each.
    const postOffset = Math.floor(sizes.openCheckins / 2);
    const linkRequests = Math.min(postOffset, 2000);
    const addr = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
    const getLink = (i: number) => ({ url: `${url}/c/${benchToken(i)}`, init: { headers: { "x-forwarded-for": addr(i) } } });
    const form = "nprs.1=3&tightness-nrs.1=4&free-text.text=Felt+looser";
    const postLink = (i: number) => ({
      url: `${url}/c/${benchToken(postOffset + i)}`,
      init: {
        method: "POST",
        headers: { "x-forwarded-for": addr(100_000 + i), "content-type": "application/x-www-form-urlencoded", origin: url },
        body: form,
      },
    });
    // Warm-up on check-ins the measurements leave alone, so that neither side is measured while
    // the server's JIT compiles it.
    const spare = Math.min(200, postOffset - linkRequests);
    await load(8, 200, () => ({ url: `${url}/api/health` }));
    await load(8, spare, (i) => getLink(linkRequests + i));
    await load(8, spare, (i) => postLink(linkRequests + i));
    // Each measurement also reports the CPU time of the server's event loop per request, which
    // other work on a shared machine disturbs far less than the rates, and this process's own:
    // client and server share the machine's cores, so a rate is bounded by both.
    const measured = async (name: string, make: (i: number) => { url: string; init?: RequestInit }): Promise<Stats> => {
      const cpuBefore = cpuSplitMs(pid);
      const own = process.cpuUsage();
      const stats = await load(8, linkRequests, make);
      const ownUsed = process.cpuUsage(own);
      row(name, 8, stats);
      const cpuAfter = cpuSplitMs(pid);
      const system = (cpuAfter.system - cpuBefore.system) / stats.count;
      const server = (cpuAfter.user - cpuBefore.user) / stats.count + system;
      const client = (ownUsed.user + ownUsed.system) / 1000 / stats.count;
      log(
        `  ${name}: CPU per request ${server.toFixed(2)} ms in the server's event loop (${system.toFixed(2)} ms of it in the kernel), ${client.toFixed(2)} ms in this benchmark's client`,
      );
      return stats;
    };
    const health = await measured("/api/health", () => ({ url: `${url}/api/health` }));
    const getLinks = await measured("check-in link GET", getLink);
    const postLinks = await measured("check-in link POST", postLink);
    const health2 = await measured("/api/health (again)", () => ({ url: `${url}/api/health` }));
    const healthRps = Math.max(health.rps, health2.rps);

    // Head of line: /api/health, one request at a time, while the heaviest page runs three times
    // and then the heaviest computation there is runs cold: the patterns page over windows no
    // request has asked for yet (the server computes 8 weeks ahead, the pages above ask for 12).
    log(`peak RSS before the head-of-line test: ${Math.round(peakRssMb(pid))} MB`);
    let heavyRunning = !LINKS_ONLY;
    const cold = [20, 24, 26];
    const coldSeconds: number[] = [];
    const heavy = (async () => {
      const asks = LINKS_ONLY ? [] : [heaviest, heaviest, heaviest, ...cold.map((w) => `/api/patterns?weeks=${w}`)];
      for (const [i, pathname] of asks.entries()) {
        const t = performance.now();
        await fetch(url + pathname, { headers }).then(
          (r) => r.arrayBuffer(),
          () => undefined,
        );
        if (i >= 3) coldSeconds.push((performance.now() - t) / 1000);
      }
      heavyRunning = false;
    })();
    const hol: number[] = [];
    let holErrors = 0;
    while (heavyRunning) {
      const t = performance.now();
      await fetch(`${url}/api/health`).then(
        (r) => r.arrayBuffer(),
        () => (holErrors += 1),
      );
      hol.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 5));
    }
    await heavy;
    hol.sort((a, b) => a - b);
    console.log(
      `head of line: /api/health p50 ${ms(percentile(hol, 50))} ms, p99 ${ms(percentile(hol, 99))} ms over ${hol.length} requests (${holErrors} failed) ` +
        `while "${worstPage}" ran 3 times and patterns were computed cold over ${cold.join(", ")} weeks (${coldSeconds.map((x) => x.toFixed(1)).join(", ")} s)`,
    );

    // Compression of the app bundle.
    const index = await (await fetch(url, { headers: { "accept-encoding": "gzip, br" } })).text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(index)?.[1];
    if (script) {
      const raw = await fetch(url + script, { headers: { "accept-encoding": "identity" } });
      const rawSize = (await raw.arrayBuffer()).byteLength;
      const compressed = await fetch(url + script, { headers: { "accept-encoding": "br, gzip" } });
      console.log(
        `app bundle ${script}: ${(rawSize / 1024).toFixed(0)} KB, sent with content-encoding ${compressed.headers.get("content-encoding") ?? "none"}`,
      );
    }

    const peak = peakRssMb(pid);
    console.log(
      `bench:practice worst-p95-ms=${Math.round(worstP95)} worst-page=${worstPage.replace(/\s+/g, "-")} checkin-get-rps=${Math.round(getLinks.rps)} checkin-post-rps=${Math.round(postLinks.rps)} checkin-post-p99-ms=${Math.round(postLinks.p99)} health-rps=${Math.round(healthRps)} hol-p99-ms=${Math.round(percentile(hol, 99))} peak-rss-mb=${Math.round(peak)}`,
    );
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
  }
}

/** The busiest client, one of its sessions and activities, and the benchmark experiments. */
async function pickIds(
  env: Record<string, string>,
): Promise<{ busyClient: string; session: string; activity: string; protocol: string; plan: string; experiments: [number, string][] }> {
  const database = env.DATABASE_URL
    ? openDatabase({ kind: "postgres", url: env.DATABASE_URL })
    : openDatabase({ kind: "sqlite", file: path.join(env.PALPABLE_DATA_DIR!, "palpable.sqlite") });
  try {
    const db = database.db;
    const busy = await db
      .selectFrom("treatment_session")
      .select(["client_id", db.fn.countAll<number>().as("n")])
      .groupBy("client_id")
      .orderBy("n", "desc")
      .limit(1)
      .executeTakeFirstOrThrow();
    const session = await db
      .selectFrom("treatment_session")
      .select("id")
      .where("client_id", "=", busy.client_id)
      .orderBy("started_at", "desc")
      .limit(1)
      .executeTakeFirstOrThrow();
    const activity = await db
      .selectFrom("activity")
      .select("id")
      .where("client_id", "=", busy.client_id)
      .orderBy("start_time", "desc")
      .limit(1)
      .executeTakeFirstOrThrow();
    const experiments = await db.selectFrom("experiment").select(["id", "title"]).where("title", "like", "%enrolled, copy%").execute();
    const protocol = await db.selectFrom("protocol").select("id").orderBy("id").limit(1).executeTakeFirstOrThrow();
    const plan = await db.selectFrom("checkin_plan").select("id").orderBy("id").limit(1).executeTakeFirstOrThrow();
    return {
      busyClient: busy.client_id,
      session: session.id,
      activity: activity.id,
      protocol: protocol.id,
      plan: plan.id,
      experiments: experiments
        .map((e): [number, string] => [Number(/\((\d+) enrolled/.exec(e.title)?.[1] ?? 0), e.id])
        .sort((a, b) => a[0] - b[0]),
    };
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
