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

  it("lets an owner add a practitioner who can then sign in with the one-time password", async () => {
    const practice = await buildPractice(app);
    const owner = await signedIn(app, practice.ownerEmail);
    const added = await owner.post("/api/team", { name: "Tom Reilly", email: "tom.reilly@example.test", role: "therapist" });
    expect(added.status).toBe(201);
    expect(added.json.member).toMatchObject({
      name: "Tom Reilly",
      email: "tom.reilly@example.test",
      role: "therapist",
      twoFactorEnabled: false,
    });
    expect(added.json.temporaryPassword).toMatch(/^[0-9a-z]{20}$/);
    const team = (await owner.get("/api/team")).json.members.map((m: { email: string }) => m.email);
    expect(team).toContain("tom.reilly@example.test");

    const tom = app.browser();
    expect((await tom.signIn("tom.reilly@example.test", added.json.temporaryPassword)).status).toBe(200);
    expect((await tom.get("/api/me")).json.practitioner.role).toBe("therapist");
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

  it("refuses a practitioner email already in use, in any practice", async () => {
    const practice = await buildPractice(app);
    const other = await buildPractice(app);
    const owner = await signedIn(app, practice.ownerEmail);
    const response = await owner.post("/api/team", { name: "Dup", email: other.ownerEmail.toUpperCase(), role: "therapist" });
    expect(response.status).toBe(409);
    expect(response.json.error.fields).toEqual({ email: "is already in use" });
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
