import { describe, expect, it } from "vitest";
import type { CheckinAnswerRow, CheckinRow } from "../../checkins/repository.js";
import type { ClientView } from "../../clients/schema.js";
import type { SessionView } from "../../clinical/sessions/schema.js";
import { clientBundle, type ClientRecord } from "./bundle.js";
import { compact, stableUuid } from "./common.js";
import { officialSchemaErrors } from "./official-schema.testing.js";

const CLIENT_ID = "0b9c6f1e-2d4a-4c1b-9e3f-5a6b7c8d9e01";
const PRACTITIONER = { id: "7f3e2d1c-0b9a-4876-8543-210fedcba987", name: "Olive Owner", email: "olive@example.test" };

const client: ClientView = {
  id: CLIENT_ID,
  firstName: "Maya",
  lastName: "Runner",
  email: "maya@example.test",
  phone: null,
  dateOfBirth: "1989-04-17",
  timeZone: "Europe/London",
  locale: null,
  notes: null,
  running: { yearsRunning: 6, weeklyKm: 62, goalEvent: null },
  injuries: [],
  selfCare: [],
  consents: {
    checkinMessages: { granted: true, on: "2026-11-01", history: [] },
    anonymisedCaseReports: { granted: false, on: null, history: [] },
  },
  archivedAt: null,
  createdAt: "2026-11-01T09:00:00.000Z",
  updatedAt: "2026-11-01T09:00:00.000Z",
  version: 1,
  updatedBy: null,
};

const session: SessionView = {
  id: "s-1",
  clientId: CLIENT_ID,
  practitioner: { id: PRACTITIONER.id, name: PRACTITIONER.name },
  status: "signed",
  signedAt: "2026-11-27T10:00:00.000Z",
  signedBy: { id: PRACTITIONER.id, name: PRACTITIONER.name, reason: null },
  enteredInError: null,
  startedAt: "2026-11-27T09:00:00.000Z",
  complaintIds: [],
  protocolVersionId: null,
  protocol: null,
  deviation: [],
  measures: { pre: { pain: 5, tightness: 8 }, post: { pain: 2, tightness: null } },
  findings: [
    {
      id: "f-1",
      regionCode: "rectus_femoris_distal",
      side: "right",
      qualities: { tension: 3, tenderness: null, texture: 3, adhesion: 2, temperature: null },
      textureDescriptor: "crunchy",
      note: null,
    },
    {
      id: "f-2",
      regionCode: "gluteus_medius",
      side: "left",
      qualities: { tension: 1, tenderness: null, texture: null, adhesion: null, temperature: null },
      textureDescriptor: null,
      note: "Mild",
    },
  ],
  steps: [
    {
      id: "p-1",
      technique: "cupping",
      regionCode: "vastus_lateralis",
      side: "right",
      direction: null,
      minutes: 5,
      intensity: null,
      note: null,
    },
    {
      id: "p-2",
      technique: "custom:1b2c3d4e-0000-4000-8000-000000000001",
      regionCode: null,
      side: null,
      direction: null,
      minutes: null,
      intensity: null,
      note: "Home advice",
    },
  ],
  soap: { s: null, o: null, a: null, p: null },
  advice: null,
  amendments: 0,
  automaticCheckins: null,
  createdAt: "2026-11-27T09:00:00.000Z",
  updatedAt: "2026-11-27T10:00:00.000Z",
  version: 3,
  updatedBy: null,
};

function checkin(id: string, codes: string[], answers: Record<string, unknown>[]): { row: CheckinRow; versions: CheckinAnswerRow[] } {
  return {
    row: {
      id,
      practice_id: "practice",
      client_id: CLIENT_ID,
      session_id: session.id,
      plan_id: "plan",
      measure_codes_json: JSON.stringify(codes),
      offset_days: 1,
      token_sha256: "0".repeat(64),
      due_at: "2026-11-28T18:00:00.000Z",
      expires_at: "2026-12-05T18:00:00.000Z",
      sent_at: null,
      opened_at: null,
      answered_at: answers.length > 0 ? "2026-11-28T19:00:00.000Z" : null,
      created_at: "2026-11-27T10:00:00.000Z",
      cancelled_at: null,
      rescheduled_to_id: null,
    },
    versions: answers
      .map((a, index) => ({
        id: `${id}-v${index + 1}`,
        practice_id: "practice",
        checkin_id: id,
        version: index + 1,
        answers_json: JSON.stringify(a),
        submitted_at: `2026-11-28T19:0${index}:00.000Z`,
      }))
      .reverse(),
  };
}

const record: ClientRecord = {
  client,
  practitioners: [PRACTITIONER, { id: "not-involved", name: "Pat Other", email: "pat@example.test" }],
  sessions: [session],
  checkins: [
    checkin(
      "c-1",
      ["nprs", "sensation-change", "free-text"],
      [
        {
          nprs: { kind: "item-scale", version: "1.0.0", items: [4], score: 4 },
          "sensation-change": { kind: "categorical", version: "1.0.0", category: "looser", text: null },
          "free-text": { kind: "free-text", version: "1.0.0", text: "Better on hills" },
        },
        {
          nprs: { kind: "item-scale", version: "1.0.0", items: [3], score: 3 },
          "sensation-change": { kind: "categorical", version: "1.0.0", category: "looser", text: "Much freer" },
        },
      ],
    ),
    checkin("c-2", ["nprs", "tightness-nrs"], []),
    checkin(
      "c-3",
      ["psfs"],
      [
        {
          psfs: {
            kind: "patient-specific",
            version: "1.0.0",
            activities: [
              { activity: "Running downhill", rating: 4 },
              { activity: "Climbing stairs", rating: 7 },
            ],
            score: 5.5,
          },
        },
      ],
    ),
  ],
  customTechniques: new Map([["custom:1b2c3d4e-0000-4000-8000-000000000001", "Kinesio taping"]]),
};

const bundle = clientBundle(record, new Date("2026-11-28T12:00:00Z"));
const resources = bundle.entry.map((e) => e.resource);
const ofType = (type: string) => resources.filter((r) => r.resourceType === type);

function findEmpty(value: unknown, path: string, out: string[]): string[] {
  if (value === null || value === "" || (Array.isArray(value) && value.length === 0)) out.push(path);
  else if (Array.isArray(value)) value.forEach((v, i) => findEmpty(v, `${path}[${i}]`, out));
  else if (typeof value === "object") {
    if (Object.keys(value).length === 0) out.push(path);
    for (const [k, v] of Object.entries(value)) findEmpty(v, `${path}.${k}`, out);
  }
  return out;
}

describe("clientBundle", () => {
  it("is valid against the official FHIR R4 JSON schema", () => {
    expect(officialSchemaErrors(bundle)).toEqual([]);
  }, 60_000);

  it("is checked for real: the same bundle with a malformed date or a null fails the schema", () => {
    const broken = structuredClone(bundle);
    const encounter = broken.entry.find((e) => e.resource.resourceType === "Encounter")?.resource;
    if (!encounter) throw new Error("no encounter");
    encounter.period = { start: "27/11/2026" };
    expect(officialSchemaErrors(broken).length).toBeGreaterThan(0);
    encounter.period = { start: "2026-11-27T09:00:00.000Z" };
    expect(officialSchemaErrors(broken)).toEqual([]);
    (encounter as Record<string, unknown>).status = null;
    expect(officialSchemaErrors(broken).length).toBeGreaterThan(0);
  }, 60_000);

  it("has no nulls, empty strings, empty arrays or empty objects anywhere", () => {
    expect(findEmpty(bundle, "Bundle", [])).toEqual([]);
  });

  it("makes a collection with one entry per resource, every fullUrl a unique urn:uuid", () => {
    expect(bundle).toMatchObject({ resourceType: "Bundle", type: "collection", timestamp: "2026-11-28T12:00:00.000Z" });
    const urls = bundle.entry.map((e) => e.fullUrl);
    for (const url of urls) expect(url).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(urls).size).toBe(urls.length);
  });

  it("resolves every reference inside the bundle", () => {
    const urls = new Set(bundle.entry.map((e) => e.fullUrl));
    const references = JSON.stringify(bundle).match(/"reference":"([^"]+)"/g) ?? [];
    expect(references.length).toBeGreaterThan(10);
    for (const ref of references) expect(urls.has(ref.slice('"reference":"'.length, -1))).toBe(true);
  });

  it("maps the client to a Patient and exports only the practitioners who saw them", () => {
    expect(ofType("Patient")).toEqual([
      expect.objectContaining({
        name: [{ use: "official", family: "Runner", given: ["Maya"], text: "Maya Runner" }],
        birthDate: "1989-04-17",
        telecom: [{ system: "email", value: "maya@example.test", use: "home" }],
        identifier: [{ system: "https://palpable.app/fhir/identifier/client", value: CLIENT_ID }],
        active: true,
      }),
    ]);
    expect(ofType("Practitioner").map((p) => p.name)).toEqual([[{ text: "Olive Owner" }]]);
  });

  it("gives each session an Encounter and each step a Procedure with our code and SNOMED CT body site where checked", () => {
    expect(ofType("Encounter")).toHaveLength(1);
    expect(ofType("Encounter")[0]).toMatchObject({ status: "finished", period: { start: "2026-11-27T09:00:00.000Z" } });
    const [cupping, custom] = ofType("Procedure");
    expect(cupping).toMatchObject({
      code: { coding: [{ system: "https://palpable.app/fhir/CodeSystem/technique", code: "cupping", display: "Cupping" }] },
      bodySite: [
        {
          coding: [
            { system: "https://palpable.app/fhir/CodeSystem/body-region", code: "vastus_lateralis" },
            { system: "http://snomed.info/sct", code: "1403006" },
          ],
          text: "Vastus lateralis (right)",
        },
      ],
    });
    expect(custom).toMatchObject({ code: { text: "Kinesio taping" }, note: [{ text: "Kinesio taping" }, { text: "Home advice" }] });
    expect(custom).not.toHaveProperty("bodySite");
  });

  it("records pre/post measures and findings as Observations, with text only where SNOMED CT has no code", () => {
    const observations = ofType("Observation");
    const measures = observations.filter((o) => JSON.stringify(o.code).includes("treatment"));
    expect(
      measures.map((o) => [(o.code as { coding: { code: string }[] }).coding[0]?.code, (o.valueQuantity as { value: number }).value]),
    ).toEqual([
      ["pain-before-treatment", 5],
      ["tightness-before-treatment", 8],
      ["pain-after-treatment", 2],
    ]);
    const findings = observations.filter((o) => JSON.stringify(o.code).includes("palpation-finding"));
    expect(findings).toHaveLength(2);
    expect(findings[0]).toMatchObject({
      status: "final",
      bodySite: { coding: [{ code: "rectus_femoris_distal" }], text: "Rectus femoris, distal third (right)" },
    });
    expect(JSON.stringify(findings[0]?.bodySite)).not.toContain("snomed");
    expect(findings[0]?.component).toEqual([
      expect.objectContaining({
        code: expect.objectContaining({ text: "Tension / rigidity" }),
        valueCodeableConcept: expect.objectContaining({ text: "Marked (3 of 3)" }),
      }),
      expect.objectContaining({
        code: expect.objectContaining({ text: "Texture" }),
        valueCodeableConcept: expect.objectContaining({ text: "Marked (3 of 3)" }),
      }),
      expect.objectContaining({
        code: expect.objectContaining({ text: "Adhesion" }),
        valueCodeableConcept: expect.objectContaining({ text: "Moderate (2 of 3)" }),
      }),
      expect.objectContaining({ valueString: "crunchy" }),
    ]);
    expect(findings[1]).toMatchObject({
      bodySite: { coding: [{ code: "gluteus_medius" }, { system: "http://snomed.info/sct", code: "78333006" }] },
    });
  });

  it("exports a Questionnaire per measure used, a response per measure answered (latest version) and an Observation per score", () => {
    expect(ofType("Questionnaire").map((q) => q.url)).toEqual([
      "https://palpable.app/fhir/Questionnaire/nprs",
      "https://palpable.app/fhir/Questionnaire/sensation-change",
      "https://palpable.app/fhir/Questionnaire/free-text",
      "https://palpable.app/fhir/Questionnaire/tightness-nrs",
      "https://palpable.app/fhir/Questionnaire/psfs",
    ]);
    const nprs = ofType("Questionnaire")[0];
    expect(nprs?.code).toEqual([
      { system: "https://palpable.app/fhir/CodeSystem/measure", code: "nprs", display: "Numeric Pain Rating Scale" },
      { system: "http://loinc.org", code: "72514-3", display: "Pain severity - 0-10 verbal numeric rating" },
    ]);
    const responses = ofType("QuestionnaireResponse");
    // The latest version answered NPRS and sensation change only; it replaced the first.
    expect(responses.map((r) => [r.questionnaire, r.status, r.authored])).toEqual([
      ["https://palpable.app/fhir/Questionnaire/nprs|1.0.0", "amended", "2026-11-28T19:01:00.000Z"],
      ["https://palpable.app/fhir/Questionnaire/sensation-change|1.0.0", "amended", "2026-11-28T19:01:00.000Z"],
      ["https://palpable.app/fhir/Questionnaire/psfs|1.0.0", "completed", "2026-11-28T19:00:00.000Z"],
    ]);
    expect(responses[0]?.item).toEqual([{ linkId: "nprs.1", text: expect.any(String), answer: [{ valueInteger: 3 }] }]);
    expect(responses[1]?.item).toEqual([
      expect.objectContaining({ answer: [{ valueCoding: expect.objectContaining({ code: "looser", display: "Looser" }) }] }),
      expect.objectContaining({ answer: [{ valueString: "Much freer" }] }),
    ]);
    expect(responses[2]?.item).toEqual([
      {
        linkId: "psfs.activity",
        item: [
          { linkId: "psfs.activity.name", text: "Activity", answer: [{ valueString: "Running downhill" }] },
          { linkId: "psfs.activity.rating", text: "Rating", answer: [{ valueInteger: 4 }] },
        ],
      },
      {
        linkId: "psfs.activity",
        item: [
          { linkId: "psfs.activity.name", text: "Activity", answer: [{ valueString: "Climbing stairs" }] },
          { linkId: "psfs.activity.rating", text: "Rating", answer: [{ valueInteger: 7 }] },
        ],
      },
    ]);
    const scores = ofType("Observation").filter((o) => o.derivedFrom !== undefined);
    expect(scores.map((o) => (o.valueQuantity as { value: number }).value)).toEqual([3, 5.5]);
    expect(scores[0]).toMatchObject({
      code: { coding: [{ code: "nprs" }, { system: "http://loinc.org", code: "72514-3" }] },
      valueQuantity: { value: 3, system: "http://unitsofmeasure.org", code: "{score}" },
      derivedFrom: [{ reference: bundle.entry.find((e) => e.resource === responses[0])?.fullUrl }],
    });
  });

  it("keeps fullUrls stable between exports of the same record", () => {
    const again = clientBundle(record, new Date("2026-12-01T00:00:00Z"));
    expect(again.entry.map((e) => e.fullUrl)).toEqual(bundle.entry.map((e) => e.fullUrl));
  });
});

describe("compact and stableUuid", () => {
  it("drops empty parts at every depth but keeps zero and false", () => {
    expect(compact({ a: null, b: [], c: {}, d: "", e: [{ f: null }], g: 0, h: false, i: [1, null] })).toEqual({ g: 0, h: false, i: [1] });
  });

  it("makes version 5 UUIDs that differ by name", () => {
    expect(stableUuid("Patient/a")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(stableUuid("Patient/a")).not.toBe(stableUuid("Patient/b"));
  });
});
