import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildPractice, buildPractitioner, signedIn, TEST_PASSWORD } from "../../test/support/factories.js";
import { startTestApp, type TestApp } from "../../test/support/server.js";

describe("first-run setup", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app.close());

  it("creates the practice and its owner once, then refuses", async () => {
    const browser = app.browser();
    expect((await browser.get("/api/setup")).json).toEqual({ needed: true });
    const bad = await browser.post("/api/setup", { practiceName: "", name: "Sofia", email: "sofia@example.test", password: "short" });
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields).toEqual({ practiceName: "is required", password: "must be at least 12 characters" });
    expect((await browser.get("/api/setup")).json).toEqual({ needed: true });

    const body = {
      practiceName: "Hillside Running Therapy",
      timeZone: "Europe/Dublin",
      name: "Sofia Marsh",
      email: "Sofia@Example.test",
      password: "a-long-password-1",
    };
    const created = await browser.post("/api/setup", body);
    expect(created.status).toBe(201);
    expect(created.json.practice.name).toBe("Hillside Running Therapy");
    expect((await browser.get("/api/setup")).json).toEqual({ needed: false });

    const again = await app.browser().post("/api/setup", { ...body, email: "intruder@example.test" });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe("already_set_up");

    expect((await browser.signIn("sofia@example.test", "a-long-password-1")).status).toBe(200);
    const me = (await browser.get("/api/me")).json;
    expect(me).toMatchObject({
      user: { name: "Sofia Marsh", email: "sofia@example.test" },
      practitioner: { role: "owner" },
      practice: { name: "Hillside Running Therapy", timeZone: "Europe/Dublin" },
    });
  });

  it("rejects an unknown time zone", async () => {
    const response = await app.browser().post("/api/setup", {
      practiceName: "P",
      timeZone: "Mars/Olympus",
      name: "N",
      email: "n@example.test",
      password: "a-long-password-1",
    });
    expect(response.status).toBe(400);
    expect(response.json.error.fields.timeZone).toMatch(/not a known time zone/);
  });
});

describe("team", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app.close());

  it("lets an owner invite a practitioner, who chooses a password by the link and can then sign in", async () => {
    const practice = await buildPractice(app);
    const owner = await signedIn(app, practice.ownerEmail);
    const added = await owner.post("/api/team", { name: "Tom Reilly", email: "tom.reilly@example.test", role: "therapist" });
    expect(added.status).toBe(201);
    expect(added.json).toMatchObject({
      delivery: "link",
      invitation: { name: "Tom Reilly", email: "tom.reilly@example.test", role: "therapist" },
    });
    expect((await owner.get("/api/team")).json.invitations.map((i: { email: string }) => i.email)).toEqual(["tom.reilly@example.test"]);

    const link = new URL(added.json.link as string).pathname;
    const tom = app.browser();
    expect((await tom.get(link)).text).toContain("Join ");
    const form = { "content-type": "application/x-www-form-urlencoded" };
    const weak = await tom.request("POST", link, "name=Tom+Reilly&password=123456789012&confirm=123456789012", form);
    expect(weak.status).toBe(422);
    expect(weak.text).toContain("too easy to guess");
    const joined = await tom.request(
      "POST",
      link,
      "name=Tom+Reilly&password=gravel-lane-tempo-otter-9&confirm=gravel-lane-tempo-otter-9",
      form,
    );
    expect(joined.status).toBe(200);
    expect((await tom.signIn("tom.reilly@example.test", "gravel-lane-tempo-otter-9")).status).toBe(200);
    expect((await tom.get("/api/me")).json.practitioner.role).toBe("therapist");
    const team = await owner.get("/api/team");
    expect(team.json.members.map((m: { email: string }) => m.email)).toContain("tom.reilly@example.test");
    expect(team.json.invitations).toEqual([]);
    // A link works once.
    expect((await app.browser().get(link)).status).toBe(404);
  });

  it("lets only owners add practitioners or change roles", async () => {
    const practice = await buildPractice(app);
    for (const role of ["therapist", "assistant"] as const) {
      const member = await buildPractitioner(app, practice, role);
      const browser = await signedIn(app, member.email);
      const add = await browser.post("/api/team", { name: "X", email: `x-${role}@example.test`, role: "owner" });
      expect(add.status).toBe(403);
      expect(add.json.error.code).toBe("forbidden");
      const promote = await browser.patch(`/api/team/${member.id}`, { role: "owner" });
      expect(promote.status).toBe(403);
      expect((await browser.get("/api/team")).status).toBe(200);
    }
  });

  it("answers an invitation the same whether or not the address has an account in another practice", async () => {
    const practice = await buildPractice(app);
    const other = await buildPractice(app);
    const owner = await signedIn(app, practice.ownerEmail);
    const shape = (json: { invitation: Record<string, unknown>; delivery: string; link?: string }) => ({
      status: json.delivery,
      keys: Object.keys(json).sort(),
      invitation: Object.keys(json.invitation).sort(),
    });
    const elsewhere = await owner.post("/api/team", { name: "Dup", email: other.ownerEmail.toUpperCase(), role: "therapist" });
    const nowhere = await owner.post("/api/team", { name: "New", email: "nobody-yet@example.test", role: "therapist" });
    expect(elsewhere.status).toBe(201);
    expect(nowhere.status).toBe(201);
    expect(shape(elsewhere.json)).toEqual(shape(nowhere.json));
    const pending = (await owner.get("/api/team")).json.invitations.map((i: { email: string }) => i.email).sort();
    expect(pending).toEqual([other.ownerEmail, "nobody-yet@example.test"].sort());
    // Only whoever holds the link learns that the address cannot join.
    const link = new URL(elsewhere.json.link as string).pathname;
    const tried = await app
      .browser()
      .request("POST", link, "name=Dup&password=gravel-lane-tempo-otter-9&confirm=gravel-lane-tempo-otter-9", {
        "content-type": "application/x-www-form-urlencoded",
      });
    expect(tried.status).toBe(409);
    expect(tried.text).toContain("already has a Palpable account");
    // Someone already on this team is a different matter: the owner sees them in the list anyway.
    const again = await owner.post("/api/team", { name: "Again", email: "nobody-yet@example.test", role: "assistant" });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe("already_on_team");
  });

  it("changes roles but never leaves a practice without an owner", async () => {
    const practice = await buildPractice(app);
    const owner = await signedIn(app, practice.ownerEmail);
    const member = await buildPractitioner(app, practice, "assistant");
    const promoted = await owner.patch(`/api/team/${member.id}`, { role: "therapist" });
    expect(promoted.json.member.role).toBe("therapist");
    const demoteSelf = await owner.patch(`/api/team/${practice.ownerPractitionerId}`, { role: "therapist" });
    expect(demoteSelf.status).toBe(409);
    expect(demoteSelf.json.error.code).toBe("last_owner");
    const badRole = await owner.patch(`/api/team/${member.id}`, { role: "admin" });
    expect(badRole.status).toBe(400);
    expect(badRole.json.error.fields.role).toBe("must be one of owner, therapist, assistant");
  });

  it("keeps passwords out of the team list", async () => {
    const practice = await buildPractice(app);
    const owner = await signedIn(app, practice.ownerEmail);
    const text = (await owner.get("/api/team")).text;
    expect(text).not.toContain("password");
    expect(text).not.toContain(TEST_PASSWORD);
  });
});
