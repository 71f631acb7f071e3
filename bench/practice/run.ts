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
 *
 * This file holds the measurements; options.ts reads the command line, prepare.ts generates or
 * reuses the practice, server.ts starts the build and reads its CPU and memory, load.ts times requests.
 */
import { DEMO_LOGINS, DEMO_PASSWORD } from "../../src/demo/seed.js";
import { benchToken } from "./generate.js";
import { load, ms, percentile, row, type Stats } from "./load.js";
import { databaseUrl, LINKS_ONLY, log, REQUESTS, sizes } from "./options.js";
import { pickIds, preparePractice } from "./prepare.js";
import { cpuSplitMs, peakRssMb, startServer } from "./server.js";

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

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
