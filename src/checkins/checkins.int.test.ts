import http from "node:http";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildCheckinPlan,
  buildClient,
  buildPractice,
  buildSession,
  giveCheckinConsent,
  scheduleCheckins,
  signedIn,
} from "../../test/support/factories.js";
import type { TestBrowser } from "../../test/support/http.js";
import { startTestApp, type TestApp } from "../../test/support/server.js";
import { hashLinkToken } from "../platform/link-token.js";

let app: TestApp;
let browser: TestBrowser;
let practiceName: string;
let ownerEmail: string;
const FORM = { "content-type": "application/x-www-form-urlencoded" };

beforeAll(async () => {
  app = await startTestApp({ now: new Date("2026-11-28T10:00:00Z") });
  practiceName = `Hill & Trail <Massage> ${Math.random().toString(36).slice(2, 6)}`;
  ownerEmail = (await buildPractice(app, practiceName)).ownerEmail;
  browser = await signedIn(app, ownerEmail);
});

/** Moving the clock past the 12-hour session lifetime signs the practitioner out: come back and sign in. */
async function backToNow(): Promise<void> {
  app.clock.set(new Date("2026-11-28T10:00:00Z"));
  browser = await signedIn(app, ownerEmail);
}
afterAll(async () => app.close());

/** A client with consent, a session on 27 Nov 09:00 UTC and the plan scheduled after it. */
async function scheduled(planOverrides: Record<string, unknown> = {}, timeZone = "Europe/London", startedAt = "2026-11-27T09:00:00.000Z") {
  const clientId = await buildClient(browser, { timeZone });
  await giveCheckinConsent(browser, clientId);
  const sessionId = await buildSession(browser, clientId, { startedAt });
  const planId = await buildCheckinPlan(browser, planOverrides);
  const checkins = await scheduleCheckins(browser, sessionId, planId);
  return { clientId, sessionId, planId, checkins };
}

/** The bytes and headers as sent, not decoded (fetch would decode them). */
function rawRequest(
  method: string,
  pathname: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const request = http.request(new URL(pathname, app.url), { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on("error", reject);
    });
    request.on("error", reject);
    request.end(body);
  });
}

function pathOf(linkUrl: string): string {
  return new URL(linkUrl).pathname;
}

function submit(path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return app.browser().request("POST", path, new URLSearchParams(fields).toString(), { ...FORM, ...headers });
}

type ListedCheckin = Record<string, unknown> & {
  id: string;
  state: string;
  versions: { version: number; answers: Record<string, unknown> }[];
};

async function clientCheckin(clientId: string, id: string): Promise<ListedCheckin | undefined> {
  const list = (await browser.get(`/api/clients/${clientId}/checkins`)).json.checkins as ListedCheckin[];
  return list.find((c) => c.id === id);
}

describe("check-in plans", () => {
  it("creates a plan with the default offsets and hour, reads, replaces and lists it", async () => {
    const created = await browser.post("/api/checkin-plans", { name: "Standard", measureCodes: ["nprs", "groc"] });
    expect(created.status).toBe(201);
    expect(created.json.plan).toMatchObject({ name: "Standard", offsetsDays: [1, 3, 7, 14], localHour: 18, expiresAfterDays: 7 });
    const id = created.json.plan.id as string;
    const replaced = await browser.put(`/api/checkin-plans/${id}`, {
      version: 1,
      name: "Short",
      measureCodes: ["nprs"],
      offsetsDays: [2],
      localHour: 9,
    });
    expect(replaced.json.plan).toMatchObject({ name: "Short", measureCodes: ["nprs"], offsetsDays: [2], localHour: 9 });
    expect((await browser.get(`/api/checkin-plans/${id}`)).json.plan.name).toBe("Short");
    expect(((await browser.get("/api/checkin-plans")).json.plans as { id: string }[]).map((p) => p.id)).toContain(id);
  });

  it("refuses unknown measures and measures a link page cannot ask, and accepts PSFS", async () => {
    // UWRI's published item wording has not been entered yet: its placeholders must never reach a client.
    const response = await browser.post("/api/checkin-plans", { name: "Bad", measureCodes: ["nprs", "made-up", "psfs"] });
    expect(response.status).toBe(400);
    expect(Object.keys(response.json.error.fields)).toEqual(["measureCodes.1"]);
    // Until the practice has entered the UWRI's wording from its copy.
    const uwri = await browser.post("/api/checkin-plans", { name: "Bad", measureCodes: ["nprs", "uwri"] });
    expect(uwri.status).toBe(400);
    expect(Object.keys(uwri.json.error.fields)).toEqual(["measureCodes.1"]);
    expect((await browser.post("/api/checkin-plans", { name: "Activities", measureCodes: ["psfs", "nprs"] })).status).toBe(201);
  });
});

describe("scheduling", () => {
  it("schedules one check-in per offset at 18:00 in the client's time zone, across the DST change", async () => {
    const { checkins } = await scheduled({ offsetsDays: [1, 3, 7, 14] }, "America/New_York", "2026-10-30T12:00:00.000Z");
    // New York leaves summer time (UTC-4) on 1 Nov: 18:00 is 22:00 UTC before and 23:00 UTC after.
    expect(checkins.map((c) => c.dueAt)).toEqual([
      "2026-10-31T22:00:00.000Z",
      "2026-11-02T23:00:00.000Z",
      "2026-11-06T23:00:00.000Z",
      "2026-11-13T23:00:00.000Z",
    ]);
    expect(checkins[0]?.expiresAt).toBe("2026-11-07T22:00:00.000Z");
    for (const c of checkins) expect(c.linkUrl).toMatch(/^http:\/\/localhost(:\d+)?\/c\/[A-Za-z0-9_-]{43}$/);
  });

  it("schedules a plan once per session: pressing again adds nothing and says so", async () => {
    const { clientId, sessionId, planId, checkins } = await scheduled({ name: "Evening", offsetsDays: [1, 3] });
    expect(checkins).toHaveLength(2);
    const again = await browser.post(`/api/sessions/${sessionId}/checkins`, { planId });
    expect(again.status).toBe(200);
    expect(again.json.alreadyScheduled).toBe(true);
    expect(again.json.message).toBe("“Evening” is already scheduled for this session, so nothing was added.");
    expect((again.json.checkins as { id: string }[]).map((c) => c.id)).toEqual(checkins.map((c) => c.id));
    // Two presses at once still make one set.
    const [third, fourth] = await Promise.all([
      browser.post(`/api/sessions/${sessionId}/checkins`, { planId }),
      browser.post(`/api/sessions/${sessionId}/checkins`, { planId }),
    ]);
    expect([third.status, fourth.status]).toEqual([200, 200]);
    expect((await browser.get(`/api/clients/${clientId}/checkins`)).json.checkins).toHaveLength(2);
    // Another plan is another set.
    const otherPlan = await buildCheckinPlan(browser, { offsetsDays: [7] });
    const other = await browser.post(`/api/sessions/${sessionId}/checkins`, { planId: otherPlan });
    expect(other.status).toBe(201);
    expect(other.json).toMatchObject({ alreadyScheduled: false, message: "1 check-in scheduled from “After treatment”." });
  });

  it("never makes a check-in due before its session: a day-0 hour already past moves to the next day", async () => {
    // A session at 23:01 London time; the plan asks for day 0 and day 1 at 18:00.
    const late = await scheduled({ offsetsDays: [0, 1] }, "Europe/London", "2026-11-27T23:01:00.000Z");
    expect(late.checkins.map((c) => c.dueAt)).toEqual(["2026-11-28T18:00:00.000Z", "2026-11-28T18:00:00.000Z"]);
    // A morning session keeps day 0 on the same evening.
    const early = await scheduled({ offsetsDays: [0] }, "Europe/London", "2026-11-27T09:00:00.000Z");
    expect(early.checkins.map((c) => c.dueAt)).toEqual(["2026-11-27T18:00:00.000Z"]);
  });

  it("refuses to schedule without the client's check-in consent", async () => {
    const clientId = await buildClient(browser);
    const sessionId = await buildSession(browser, clientId);
    const planId = await buildCheckinPlan(browser);
    const response = await browser.post(`/api/sessions/${sessionId}/checkins`, { planId });
    expect(response.status).toBe(409);
    expect(response.json.error.code).toBe("checkin_consent_missing");
    expect(response.json.error.message).toMatch(/not consented to check-in messages/);
    expect((await browser.get(`/api/clients/${clientId}/checkins`)).json.checkins).toEqual([]);
  });

  it("stores only the token's SHA-256, never the token, and shows the link only when made", async () => {
    const { clientId, checkins } = await scheduled();
    const first = checkins[0]!;
    const token = pathOf(first.linkUrl).slice(3);
    const row = await app.db.database.db.selectFrom("checkin").selectAll().where("id", "=", first.id).executeTakeFirstOrThrow();
    expect(row.token_sha256).toBe(hashLinkToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    const listed = await browser.get(`/api/clients/${clientId}/checkins`);
    expect(listed.text).not.toContain(token);
    expect(listed.json.checkins[0]).not.toHaveProperty("linkUrl");
    expect(listed.json.checkins[0].state).toBe("scheduled");
  });
});

describe("the client's link page", () => {
  it("shows the practice and the questionnaire, and opening twice changes nothing but opened_at", async () => {
    const { clientId, checkins } = await scheduled();
    const { id, linkUrl } = checkins[0]!;
    const firstOpen = await app.browser().get(pathOf(linkUrl));
    expect(firstOpen.status).toBe(200);
    expect(firstOpen.headers.get("content-type")).toMatch(/text\/html/);
    expect(firstOpen.headers.get("referrer-policy")).toBe("no-referrer");
    expect(firstOpen.headers.get("cache-control")).toBe("no-store");
    expect(firstOpen.text).toContain("Hill &#38; Trail &#60;Massage&#62;");
    expect(firstOpen.text).toContain(
      '<label class="tap"><input type="radio" name="nprs.1" value="0"><span class="tap__n">0</span><span class="vh"> — No pain</span></label>',
    );
    expect(firstOpen.text).toMatch(/<fieldset[^>]*>\s*<legend>/);
    expect(firstOpen.text).not.toMatch(/<script|style=/);
    expect(Buffer.byteLength(firstOpen.text)).toBeLessThan(30_000);
    const afterFirst = await clientCheckin(clientId, id);
    expect(afterFirst).toMatchObject({ state: "opened", openedAt: "2026-11-28T10:00:00.000Z", answeredAt: null, versions: [] });

    app.clock.advance(60_000);
    expect((await app.browser().get(pathOf(linkUrl))).status).toBe(200);
    expect(await clientCheckin(clientId, id))?.toEqual(afterFirst);
    app.clock.advance(-60_000);
  });

  it("sends the page gzipped with its length when the phone takes gzip, and the short thank-you page as it is", async () => {
    const { checkins } = await scheduled();
    const path = pathOf(checkins[0]!.linkUrl);
    const plain = await rawRequest("GET", path, {});
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(Number(plain.headers["content-length"])).toBe(plain.body.length);
    const zipped = await rawRequest("GET", path, { "accept-encoding": "gzip, deflate, br" });
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(zipped.headers.vary).toMatch(/accept-encoding/i);
    expect(Number(zipped.headers["content-length"])).toBe(zipped.body.length);
    expect(zlib.gunzipSync(zipped.body).toString("utf8")).toBe(plain.body.toString("utf8"));
    const thanks = await rawRequest(
      "POST",
      path,
      {
        "accept-encoding": "gzip",
        "content-type": "application/x-www-form-urlencoded",
        origin: new URL(app.url).origin,
      },
      "nprs.1=3&tightness-nrs.1=4",
    );
    expect(thanks.status).toBe(200);
    expect(thanks.headers["content-encoding"]).toBeUndefined();
    expect(thanks.body.toString("utf8")).toContain("Thank you");
    const health = await rawRequest("GET", "/api/health", { "accept-encoding": "gzip" });
    expect(health.headers["content-encoding"]).toBeUndefined();
    expect(JSON.parse(health.body.toString("utf8"))).toMatchObject({ status: "ok" });
  });

  it("refuses a form past 64 KB, said or sent in chunks without a length, and stores nothing", async () => {
    const { clientId, checkins } = await scheduled();
    const { id, linkUrl } = checkins[0]!;
    const headers = { "content-type": "application/x-www-form-urlencoded", origin: new URL(app.url).origin };
    const oversized = `nprs.1=3&tightness-nrs.1=4&free-text.text=${"a".repeat(70 * 1024)}`;
    const said = await rawRequest("POST", pathOf(linkUrl), headers, oversized);
    expect(said.status).toBe(413);
    expect(said.body.toString("utf8")).toBe("The form is too large.");
    // Chunked: no length to go by, so the cap is found while reading.
    const chunked = await new Promise<number>((resolve, reject) => {
      const request = http.request(new URL(pathOf(linkUrl), app.url), { method: "POST", headers }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on("error", reject);
      for (let i = 0; i < 70; i++) request.write(i === 0 ? "nprs.1=3&free-text.text=" : "a".repeat(1024));
      request.end();
    });
    expect(chunked).toBe(413);
    expect(await clientCheckin(clientId, id)).toMatchObject({ answeredAt: null, versions: [] });
    // A form under the cap, in chunks, is read whole.
    const small = await new Promise<number>((resolve, reject) => {
      const request = http.request(new URL(pathOf(linkUrl), app.url), { method: "POST", headers }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on("error", reject);
      request.write("nprs.1=3&tightness-nrs.1=");
      request.end("4");
    });
    expect(small).toBe(200);
    expect((await clientCheckin(clientId, id))?.versions).toHaveLength(1);
  });

  it("serves its stylesheet from /c/assets under the CSP", async () => {
    const css = await app.browser().get("/c/assets/checkin.css");
    expect(css.status).toBe(200);
    expect(css.headers.get("content-type")).toMatch(/text\/css/);
    expect(css.text).toContain("min-height:48px");
  });

  it("saves answers, keeps earlier versions on correction, and a double submit saves once", async () => {
    const { clientId, checkins } = await scheduled();
    const { id, linkUrl } = checkins[0]!;
    const answered = await submit(pathOf(linkUrl), { "nprs.1": "4", "tightness-nrs.1": "6", "free-text.text": "Better on hills" });
    expect(answered.status).toBe(200);
    expect(answered.text).toContain("Thank you");
    expect(answered.headers.get("referrer-policy")).toBe("no-referrer");
    expect((await submit(pathOf(linkUrl), { "nprs.1": "4", "tightness-nrs.1": "6", "free-text.text": "Better on hills" })).status).toBe(
      200,
    );
    expect((await clientCheckin(clientId, id))?.versions).toHaveLength(1);

    app.clock.advance(3_600_000);
    expect((await submit(pathOf(linkUrl), { "nprs.1": "2", "tightness-nrs.1": "5" })).status).toBe(200);
    app.clock.advance(-3_600_000);
    const checkin = await clientCheckin(clientId, id);
    expect(checkin?.state).toBe("answered");
    expect(checkin?.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(checkin?.versions[0]?.answers).toEqual({
      nprs: { kind: "item-scale", version: "1.0.0", items: [2], score: 2 },
      "tightness-nrs": expect.objectContaining({ items: [5], score: 5 }),
    });
    expect(checkin?.versions[1]?.answers).toMatchObject({ "free-text": { text: "Better on hills" }, nprs: { score: 4 } });
  });

  it("reopens an answered link with the answers filled in, and a change is stored as a new version", async () => {
    const { clientId, checkins } = await scheduled();
    const { id, linkUrl } = checkins[0]!;
    const blank = await app.browser().get(pathOf(linkUrl));
    expect(blank.text).not.toContain("checked");
    expect(blank.text).not.toContain("You have answered already");
    await submit(pathOf(linkUrl), { "nprs.1": "4", "tightness-nrs.1": "6", "free-text.text": "Better on hills" });

    const reopened = await app.browser().get(pathOf(linkUrl));
    expect(reopened.status).toBe(200);
    expect(reopened.text).toContain("You have answered already");
    expect(reopened.text).toMatch(/name="nprs\.1" value="4" checked/);
    expect(reopened.text).toMatch(/name="tightness-nrs\.1" value="6" checked/);
    expect(reopened.text).toContain("Better on hills</textarea>");
    expect((await clientCheckin(clientId, id))?.versions).toHaveLength(1);

    await submit(pathOf(linkUrl), { "nprs.1": "3", "tightness-nrs.1": "6", "free-text.text": "Better on hills" });
    expect((await clientCheckin(clientId, id))?.versions.map((v) => v.version)).toEqual([2, 1]);
    expect((await app.browser().get(pathOf(linkUrl))).text).toMatch(/name="nprs\.1" value="3" checked/);
  });

  it("shows the form again with the error next to an out-of-range answer and saves nothing", async () => {
    const { clientId, checkins } = await scheduled();
    const { id, linkUrl } = checkins[0]!;
    const response = await submit(pathOf(linkUrl), { "nprs.1": "11", "tightness-nrs.1": "3" });
    expect(response.status).toBe(422);
    expect(response.text).toMatch(
      /<legend>[^<]*<\/legend>\s*<p class="error" id="f-nprs-1-error">Choose one of the answers from 0 to 10<\/p>/,
    );
    expect(response.text).toContain('value="3" checked');
    expect(await clientCheckin(clientId, id))?.toMatchObject({ versions: [], answeredAt: null });
  });

  it("ignores fields of measures that are not on this check-in", async () => {
    const { clientId, checkins } = await scheduled({ measureCodes: ["nprs"] });
    const { id, linkUrl } = checkins[0]!;
    expect((await submit(pathOf(linkUrl), { "nprs.1": "1", "groc.1": "7", "tightness-nrs.1": "9", "free-text.text": "x" })).status).toBe(
      200,
    );
    expect(Object.keys((await clientCheckin(clientId, id))?.versions[0]?.answers ?? {})).toEqual(["nprs"]);
  });

  it("gives unknown, tampered, expired and closed links the same neutral page", async () => {
    const { clientId, checkins } = await scheduled({ offsetsDays: [1], expiresAfterDays: 1 });
    const { id, linkUrl } = checkins[0]!;
    const path = pathOf(linkUrl);
    const unknown = await app.browser().get("/c/not-a-token");
    expect(unknown.status).toBe(404);
    const tampered = await app.browser().get(`${path.slice(0, -1)}${path.endsWith("A") ? "B" : "A"}`);
    expect([tampered.status, tampered.text]).toEqual([unknown.status, unknown.text]);
    expect(tampered.headers.get("referrer-policy")).toBe("no-referrer");

    expect((await submit(path, { "nprs.1": "3", "tightness-nrs.1": "3" })).status).toBe(200);
    // Due 28 Nov 18:00 London, expires a day later: move past it.
    app.clock.set(new Date("2026-11-29T18:00:01Z"));
    try {
      const expiredOpen = await app.browser().get(path);
      expect([expiredOpen.status, expiredOpen.text]).toEqual([unknown.status, unknown.text]);
      const lateAnswer = await submit(path, { "nprs.1": "9", "tightness-nrs.1": "9" });
      expect([lateAnswer.status, lateAnswer.text]).toEqual([unknown.status, unknown.text]);
    } finally {
      await backToNow();
    }
    expect((await clientCheckin(clientId, id))?.versions).toHaveLength(1);
  });

  it("refuses a form posted from another origin", async () => {
    const { clientId, checkins } = await scheduled();
    const { id, linkUrl } = checkins[0]!;
    const response = await submit(pathOf(linkUrl), { "nprs.1": "3", "tightness-nrs.1": "3" }, { origin: "https://evil.example" });
    expect(response.status).toBe(403);
    expect((await clientCheckin(clientId, id))?.versions).toEqual([]);
  });
});

describe("links, sending and the due list", () => {
  it("rotating the link invalidates the old one", async () => {
    const { checkins } = await scheduled();
    const { id, linkUrl } = checkins[0]!;
    const rotated = await browser.post(`/api/checkins/${id}/link`);
    expect(rotated.status).toBe(200);
    const newLink = rotated.json.checkin.linkUrl as string;
    expect(newLink).not.toBe(linkUrl);
    expect((await app.browser().get(pathOf(linkUrl))).status).toBe(404);
    expect((await app.browser().get(pathOf(newLink))).status).toBe(200);
  });

  it("sends into the outbox: the link is shown once and stored redacted", async () => {
    const { clientId, checkins } = await scheduled();
    const { id } = checkins[0]!;
    const sent = await browser.post(`/api/checkins/${id}/send`);
    expect(sent.status).toBe(200);
    const link = sent.json.checkin.linkUrl as string;
    expect(sent.json.message.text).toContain(link);
    expect(sent.json.checkin.state).toBe("sent");
    const outbox = (await browser.get("/api/outbox")).json.messages as {
      checkinId: string;
      text: string;
      linkRedacted: boolean;
      to: string;
    }[];
    const stored = outbox.find((m) => m.checkinId === id);
    expect(stored).toMatchObject({ linkRedacted: true, to: expect.stringContaining("@example.test") });
    expect(stored?.text).not.toContain(pathOf(link));
    expect((await app.browser().get(pathOf(link))).status).toBe(200);
    expect((await clientCheckin(clientId, id))?.state).toBe("opened");
  });

  it("refuses to send after the client withdrew consent", async () => {
    const { clientId, checkins } = await scheduled();
    await browser.put(`/api/clients/${clientId}/consents/checkin_messages`, { granted: false });
    const response = await browser.post(`/api/checkins/${checkins[0]!.id}/send`);
    expect(response.status).toBe(409);
    expect(response.json.error.code).toBe("checkin_consent_missing");
    expect((await clientCheckin(clientId, checkins[0]!.id))?.state).toBe("scheduled");
  });

  it("lists due and overdue check-ins with the response rate", async () => {
    // Session on 20 Nov: the day-1 and day-3 check-ins are due (and still open), the day-30 one is not.
    const { checkins } = await scheduled({ offsetsDays: [1, 3, 30] }, "Europe/London", "2026-11-20T09:00:00.000Z");
    const [dayOne, dayThree, dayThirty] = checkins;
    expect((await submit(pathOf(dayOne!.linkUrl), { "nprs.1": "2", "tightness-nrs.1": "2" })).status).toBe(200);
    const due = await browser.get("/api/checkins/due");
    expect(due.status).toBe(200);
    const ids = (due.json.checkins as { id: string }[]).map((c) => c.id);
    expect(ids).toContain(dayThree?.id);
    expect(ids).not.toContain(dayOne?.id);
    expect(ids).not.toContain(dayThirty?.id);
    expect(due.json.responseRate.due).toBeGreaterThanOrEqual(2);
    expect(due.json.responseRate.answered).toBeGreaterThanOrEqual(1);
    expect(due.json.responseRate.rate).toBeGreaterThan(0);
    expect(due.json.responseRate.rate).toBeLessThanOrEqual(1);
  });
});
