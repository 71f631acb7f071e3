import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildClient, buildPractice, signedIn } from "../../test/support/factories.js";
import type { TestBrowser } from "../../test/support/http.js";
import { buildFitRun } from "../../test/support/runs.js";
import { startTestApp, type TestApp } from "../../test/support/server.js";
import { buildZip, renameZipEntry, zipWithDeclaredSizes } from "../../test/support/zip.js";
import { seededRandom } from "../demo/random.js";
import { encodeFitActivity } from "../training/fit/encode.js";
import { synthesiseRun } from "../training/synthetic-run.js";
import type { RunsLinkLimits } from "./limits.js";

// Small limits, so each one can be reached without sending megabytes.
const LIMITS: RunsLinkLimits = { maxFileBytes: 300_000, maxUploadBytes: 900_000, dailyBytesPerClient: 1_500_000, linkLifetimeDays: 30 };
const DAY = 24 * 60 * 60 * 1000;

let app: TestApp;
let owner: TestBrowser;

beforeAll(async () => {
  app = await startTestApp({ now: new Date("2026-12-01T12:00:00Z"), runsLinkLimits: LIMITS });
  owner = await signedIn(app, (await buildPractice(app)).ownerEmail);
});
afterAll(async () => app.close());

async function newLink(clientId: string): Promise<{ token: string; path: string }> {
  const response = await owner.post(`/api/clients/${clientId}/runs-link`, {});
  expect(response.status).toBe(201);
  const path = new URL(response.json.url).pathname;
  return { token: path.split("/").at(-1) ?? "", path };
}

/** A multipart form post of files, as the page without JavaScript sends it. */
function formPost(path: string, files: Record<string, Uint8Array | string>) {
  const form = new FormData();
  for (const [name, bytes] of Object.entries(files))
    form.append("files", new Blob([typeof bytes === "string" ? bytes : Buffer.from(bytes)]), name);
  return fetch(new URL(path, app.url), { method: "POST", body: form, headers: { origin: app.url } });
}

function tus(path: string, method: string, headers: Record<string, string> = {}, body?: Uint8Array) {
  return fetch(new URL(path, app.url), {
    method,
    headers: { origin: app.url, "tus-resumable": "1.0.0", ...headers },
    ...(body ? { body: Buffer.from(body) } : {}),
  });
}

function metadata(name: string): string {
  return `filename ${Buffer.from(name).toString("base64")}`;
}

async function countRows(table: "runs_upload" | "runs_link", clientId: string): Promise<number> {
  const rows = await app.db.database.db.selectFrom(table).select("id").where("client_id", "=", clientId).execute();
  return rows.length;
}

describe("the client's runs link: tokens", () => {
  it("stores only the token's SHA-256, and opening the page changes nothing", async () => {
    const client = await buildClient(owner);
    const { token, path } = await newLink(client);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const rows = await app.db.database.db.selectFrom("runs_link").selectAll().where("client_id", "=", client).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.token_sha256).toBe(createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(rows)).not.toContain(token);

    const before = JSON.stringify(rows);
    for (let i = 0; i < 2; i += 1) {
      const page = await fetch(new URL(path, app.url));
      expect(page.status).toBe(200);
      expect(page.headers.get("cache-control")).toBe("no-store");
      expect(page.headers.get("referrer-policy")).toBe("no-referrer");
      const html = await page.text();
      expect(html).toContain("Send your runs");
      expect(html).toContain('enctype="multipart/form-data"');
    }
    expect(JSON.stringify(await app.db.database.db.selectFrom("runs_link").selectAll().where("client_id", "=", client).execute())).toBe(
      before,
    );
    expect(await countRows("runs_upload", client)).toBe(0);
  });

  it("stops working when it expires or is revoked, with the same page as an unknown link", async () => {
    const client = await buildClient(owner);
    const { path } = await newLink(client);
    const unknown = await fetch(new URL(`/r/${"A".repeat(43)}`, app.url));
    expect(unknown.status).toBe(404);
    const unknownText = await unknown.text();

    app.clock.advance(31 * DAY);
    const expired = await fetch(new URL(path, app.url));
    expect(expired.status).toBe(404);
    expect(await expired.text()).toBe(unknownText);
    expect((await tus(`${path}/tus`, "POST", { "upload-length": "10", "upload-metadata": metadata("a.fit") })).status).toBe(404);
    app.clock.advance(-31 * DAY);

    const second = await newLink(client);
    expect((await fetch(new URL(second.path, app.url))).status).toBe(200);
    const revoked = await owner.request("DELETE", `/api/clients/${client}/runs-link`);
    expect(revoked.json).toEqual({ revoked: 2 });
    expect((await fetch(new URL(second.path, app.url))).status).toBe(404);
    expect((await formPost(second.path, { "a.fit": buildFitRun({ start: "2026-11-20T07:00:00Z" }) })).status).toBe(404);
    expect((await owner.get(`/api/clients/${client}/runs-link`)).json.activeLinks).toEqual([]);
  });
});

describe("the client's runs link: uploads", () => {
  it("imports files posted without JavaScript, lists them for the runner, and marks them sent by the client", async () => {
    const client = await buildClient(owner);
    const { path } = await newLink(client);
    const run = buildFitRun({ start: "2026-11-24T07:00:00Z", seed: 11 });
    const response = await formPost(path, {
      "tuesday.fit": run,
      "thursday.fit": buildFitRun({ start: "2026-11-26T07:00:00Z", seed: 12 }),
      "broken.fit": new Uint8Array([14, 16, 0, 0, 9, 9, 9, 9, 0x2e, 0x46, 0x49, 0x54, 0, 0, 1, 2, 3]),
    });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("tuesday.fit</span>: received");
    expect(html).toMatch(/broken\.fit<\/span>: this file is damaged/);
    // The practice's locale (en-GB) and the client's time zone (the practice's, Europe/London).
    expect(html).toMatch(/Tue, 24 Nov 2026 · \d+\.\d km · /);
    expect(html).toContain("sent 1 Dec 2026, 12:00");
    expect(html).not.toContain(" UTC");

    const again = await (await formPost(path, { "copy.fit": run })).text();
    expect(again).toContain("copy.fit</span>: already received earlier, so skipped");

    const activities = (await owner.get(`/api/clients/${client}/activities`)).json.activities;
    expect(activities).toHaveLength(2);
    expect(activities.every((a: { sentByClient: boolean }) => a.sentByClient)).toBe(true);
    const events = await app.db.database.db
      .selectFrom("audit_events")
      .selectAll()
      .where("client_id", "=", client)
      .where("resource_type", "=", "runs_upload")
      .execute();
    // One event per file imported (three in the first post, one in the second), by the client.
    expect(events.map((e) => [e.actor_kind, e.action])).toEqual(Array.from({ length: 4 }, () => ["client", "import"]));
    expect(JSON.stringify(events)).not.toContain("tuesday");
    const status = (await owner.get(`/api/clients/${client}/runs-link`)).json;
    expect(status.uploads.find((u: { fileName: string }) => u.fileName === "3 files")).toMatchObject({
      fileName: "3 files",
      imported: 2,
      rejected: 1,
      status: "done",
    });
  });

  it("keeps a ride but tells the runner in plain words that it does not count as running", async () => {
    const client = await buildClient(owner);
    const { path } = await newLink(client);
    const ride = synthesiseRun({
      start: Date.parse("2026-11-25T08:00:00Z"),
      segments: [{ distanceM: 20_000, paceSPerKm: 120 }],
      random: seededRandom(5),
    });
    const start = ride.records[0]?.time ?? 0;
    const end = ride.records.at(-1)?.time ?? 0;
    const bytes = encodeFitActivity({
      sport: "cycling",
      records: ride.records,
      sessions: [{ sport: "cycling", startTime: start, endTime: end, distanceM: 20_000 }],
    });
    const html = await (await formPost(path, { "ride.fit": bytes })).text();
    expect(html).toMatch(
      /· 20\.0 km · Ride<br><span class="hint not-a-run">this is a cycling file: your therapist sees it, but it does not count as running</,
    );
    const activities = (await owner.get(`/api/clients/${client}/activities`)).json.activities;
    expect(activities.map((a: { sport: string; sentByClient: boolean }) => [a.sport, a.sentByClient])).toEqual([["cycling", true]]);
  });

  it("writes dates and the kind of activity in the client's locale, else the practice's, in the client's time zone", async () => {
    const german = await buildClient(owner, { locale: "de-DE", timeZone: "America/New_York" });
    const page = await (
      await formPost((await newLink(german)).path, { "run.fit": buildFitRun({ start: "2026-11-24T07:00:00Z", seed: 31 }) })
    ).text();
    // The kind of activity too, in the locale's language.
    expect(page).toMatch(/Di\., 24\. Nov\. 2026 · \d+,\d km · Lauf</);
    expect(page).toContain("sent 01.12.2026, 07:00");

    // A client without a locale of their own follows the practice's.
    const other = await signedIn(app, (await buildPractice(app)).ownerEmail);
    expect((await other.patch("/api/practice", { locale: "en-US" })).status).toBe(200);
    const plain = await buildClient(other, { timeZone: "America/New_York" });
    const response = await other.post(`/api/clients/${plain}/runs-link`, {});
    const path = new URL(response.json.url).pathname;
    const html = await (await formPost(path, { "run.fit": buildFitRun({ start: "2026-11-24T07:00:00Z", seed: 32 }) })).text();
    expect(html).toMatch(/Tue, Nov 24, 2026 · \d+\.\d km · Run</);
    expect(html).toMatch(/sent Dec 1, 2026, 7:00\sAM/);
  });

  it("keeps the practitioner upload's protections: unsafe zip paths, damaged zips, zips nested too deep, disguised files, understated sizes", async () => {
    const client = await buildClient(owner);
    const { path } = await newLink(client);
    const built = await buildZip({
      "aa/aa/escape.fit": buildFitRun({ start: "2026-11-10T06:00:00Z", seed: 7 }),
      "ok.fit": buildFitRun({ start: "2026-11-11T06:00:00Z", seed: 8 }),
    });
    const zip = renameZipEntry(built, "aa/aa/escape.fit", "../../escape.fit");
    const damaged = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8]);
    let nested = await buildZip({ "deep.fit": buildFitRun({ start: "2026-11-12T06:00:00Z", seed: 9 }) });
    for (let i = 0; i < 3; i++) nested = await buildZip({ [`level${i}.zip`]: nested });
    // A run whose zip headers say it is 100 bytes.
    const lying = zipWithDeclaredSizes([
      { name: "liar.fit", content: buildFitRun({ start: "2026-11-13T06:00:00Z", seed: 10 }), declaredSize: 100 },
    ]);
    const html = await (
      await formPost(path, {
        "export.zip": zip,
        "other.zip": damaged,
        "nested.zip": nested,
        "lying.zip": lying,
        "disguised.fit": "#!/bin/sh\nrm -rf /\n",
      })
    ).text();
    expect(html).toMatch(/nested\.zip[^<]*<\/span>: this zip unpacks to far more than any export, so it was not opened/);
    expect(html).toContain("disguised.fit</span>: this is not a FIT, GPX or TCX file from a watch or app");
    expect(html).toContain("export.zip/../../escape.fit</span>: this file inside the zip has an unsafe name");
    expect(html).toContain("export.zip/ok.fit</span>: received");
    expect(html).toContain("other.zip</span>: this file is damaged");
    expect(html).toContain("lying.zip/liar.fit</span>: this file is damaged and could not be read");
    const activities = (await owner.get(`/api/clients/${client}/activities`)).json.activities;
    expect(activities).toHaveLength(1);
  });

  it("refuses a file, an upload and a day's total over their limits, each in plain words", async () => {
    const client = await buildClient(owner);
    const { path } = await newLink(client);
    const big = await formPost(path, { "huge.fit": new Uint8Array(LIMITS.maxFileBytes + 1) });
    expect(big.status).toBe(413);
    expect(await big.text()).toContain("huge.fit is larger than 293 KB, the most one activity file can be.");

    const tooMuch = await tus(`${path}/tus`, "POST", {
      "upload-length": String(LIMITS.maxUploadBytes + 1),
      "upload-metadata": metadata("export.zip"),
    });
    expect(tooMuch.status).toBe(413);
    expect(await tooMuch.text()).toContain("the most one upload can hold");
    const bigFile = await tus(`${path}/tus`, "POST", {
      "upload-length": String(LIMITS.maxFileBytes + 1),
      "upload-metadata": metadata("one.fit"),
    });
    expect(bigFile.status).toBe(413);
    expect(await bigFile.text()).toContain("one.fit is larger than 293 KB");

    // Two announced uploads of 700 KB fill most of the day's 1.5 MB; a third is refused.
    for (let i = 0; i < 2; i += 1) {
      const created = await tus(`${path}/tus`, "POST", { "upload-length": "700000", "upload-metadata": metadata(`part${i}.zip`) });
      expect(created.status).toBe(201);
    }
    const third = await tus(`${path}/tus`, "POST", { "upload-length": "700000", "upload-metadata": metadata("part2.zip") });
    expect(third.status).toBe(429);
    expect(await third.text()).toMatch(/You can send up to 1\.4 MB a day and have \d+ KB left today/);
    const small = await tus(`${path}/tus`, "POST", { "upload-length": "99000", "upload-metadata": metadata("small.zip") });
    expect(small.status).toBe(201);
    const form = await formPost(path, { "run.fit": buildFitRun({ start: "2026-11-20T07:00:00Z", seed: 30 }) });
    expect(form.status).toBe(429);
    expect(await form.text()).toContain("Please send the rest tomorrow.");

    app.clock.advance(DAY + 1000);
    const nextDay = await tus(`${path}/tus`, "POST", { "upload-length": "700000", "upload-metadata": metadata("part3.zip") });
    expect(nextDay.status).toBe(201);
    app.clock.advance(-(DAY + 1000));
  });

  it("resumes an interrupted resumable upload from where it stopped, and imports it when complete", async () => {
    const client = await buildClient(owner);
    const { path } = await newLink(client);
    const zip = await buildZip({
      "activities/1.fit": buildFitRun({ start: "2026-11-14T07:00:00Z", seed: 41 }),
      "activities/2.fit": buildFitRun({ start: "2026-11-16T07:00:00Z", seed: 42 }),
      "activities.csv": "Activity ID,Activity Date,Activity Name,Activity Type,Filename\n1,x,Morning Run,Run,activities/1.fit\n",
    });
    const created = await tus(`${path}/tus`, "POST", {
      "upload-length": String(zip.byteLength),
      "upload-metadata": metadata("strava_export.zip"),
    });
    expect(created.status).toBe(201);
    const location = created.headers.get("location") ?? "";
    expect(location).toMatch(new RegExp(`^${path}/tus/[0-9a-f]{32}$`));

    const half = Math.floor(zip.byteLength / 2);
    const first = await tus(
      location,
      "PATCH",
      { "upload-offset": "0", "content-type": "application/offset+octet-stream" },
      zip.subarray(0, half),
    );
    expect(first.status).toBe(204);
    // The connection dropped here; the page asks where to carry on.
    const head = await tus(location, "HEAD");
    expect(head.status).toBe(200);
    expect(head.headers.get("upload-offset")).toBe(String(half));
    expect((await owner.get(`/api/clients/${client}/activities`)).json.activities).toHaveLength(0);

    const rest = await tus(
      location,
      "PATCH",
      { "upload-offset": String(half), "content-type": "application/offset+octet-stream" },
      zip.subarray(half),
    );
    expect(rest.status).toBe(204);
    const activities = (await owner.get(`/api/clients/${client}/activities`)).json.activities;
    expect(activities).toHaveLength(2);
    expect(activities.find((a: { name: string | null }) => a.name === "Morning Run")).toMatchObject({ sentByClient: true });

    const page = await (await fetch(new URL(path, app.url))).text();
    expect(page).toContain("strava_export.zip");
    expect(page).toContain("Mon, 16 Nov 2026");

    // Another link of the same client cannot touch this upload.
    const other = await newLink(client);
    expect((await tus(location.replace(path, other.path), "HEAD")).status).toBe(404);
  });

  it("lets the runner remove an upload within a day, and not after", async () => {
    const client = await buildClient(owner);
    const { path } = await newLink(client);
    await formPost(path, { "a.fit": buildFitRun({ start: "2026-11-20T07:00:00Z", seed: 51 }) });
    await formPost(path, { "b.fit": buildFitRun({ start: "2026-11-21T07:00:00Z", seed: 52 }) });
    const uploads = (await owner.get(`/api/clients/${client}/runs-link`)).json.uploads as { id: string; fileName: string }[];
    const a = uploads.find((u) => u.fileName === "a.fit");
    const b = uploads.find((u) => u.fileName === "b.fit");

    const removed = await fetch(new URL(`${path}/uploads/${a?.id}/remove`, app.url), { method: "POST", headers: { origin: app.url } });
    expect(removed.status).toBe(200);
    expect(await removed.text()).toContain("Removed.");
    const activities = (await owner.get(`/api/clients/${client}/activities`)).json.activities;
    expect(activities).toHaveLength(1);
    expect(
      (await owner.get(`/api/clients/${client}/runs-link`)).json.uploads.find((u: { id: string }) => u.id === a?.id).removedAt,
    ).not.toBeNull();

    app.clock.advance(DAY + 1000);
    const late = await fetch(new URL(`${path}/uploads/${b?.id}/remove`, app.url), { method: "POST", headers: { origin: app.url } });
    expect(late.status).toBe(400);
    expect(await late.text()).toContain("can no longer be removed here");
    app.clock.advance(-(DAY + 1000));
    expect((await owner.get(`/api/clients/${client}/activities`)).json.activities).toHaveLength(1);
  });

  it("serves the page's own scripts from our origin, and the page allows only those", async () => {
    const client = await buildClient(owner);
    const { path } = await newLink(client);
    const page = await fetch(new URL(path, app.url));
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    for (const asset of ["/r/assets/tus.min.js", "/r/assets/runs.js", "/r/assets/runs.css"]) {
      const response = await fetch(new URL(asset, app.url));
      expect(response.status).toBe(200);
    }
    expect(await (await fetch(new URL("/r/assets/tus.min.js", app.url))).text()).toContain("tus");
  });

  it("refuses a form post from another site", async () => {
    const client = await buildClient(owner);
    const { path } = await newLink(client);
    const form = new FormData();
    form.append("files", new Blob(["x"]), "a.fit");
    const response = await fetch(new URL(path, app.url), { method: "POST", body: form, headers: { origin: "https://evil.example" } });
    expect(response.status).toBe(403);
    expect(await countRows("runs_upload", client)).toBe(0);
  });
});

describe("the runs link's rate limit", () => {
  it("answers floods from one address with 429", async () => {
    app.clock.advance(3_600_000);
    const statuses: number[] = [];
    for (let i = 0; i < 65; i += 1) statuses.push((await fetch(new URL(`/r/${"C".repeat(43)}`, app.url))).status);
    // The window may already hold this file's earlier requests: some go through, then all are refused.
    expect(statuses[0]).toBe(404);
    expect(statuses.every((s) => s === 404 || s === 429)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    app.clock.advance(-3_600_000);
  });
});
