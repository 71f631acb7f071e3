import type { SessionView } from "../../clinical/sessions/schema.js";
import { GRADES, QUALITIES, techniqueName } from "../../shared/vocabulary/catalogue.js";
import { REGIONS } from "../../shared/vocabulary/regions.js";
import { describeStep } from "../tables.js";
import { bodySite, category, reference, resource, scoreQuantity, SYSTEMS, type BundleEntry } from "./common.js";

/** Sessions → Encounter, Procedure per technique step, Observations for measures and findings. */

const REGION_BY_CODE = new Map(REGIONS.map((r) => [r.code, r]));

const SESSION_MEASURES = [
  { phase: "pre", quality: "pain", code: "pain-before-treatment", display: "Pain before treatment (0-10)" },
  { phase: "pre", quality: "tightness", code: "tightness-before-treatment", display: "Tightness before treatment (0-10)" },
  { phase: "post", quality: "pain", code: "pain-after-treatment", display: "Pain after treatment (0-10)" },
  { phase: "post", quality: "tightness", code: "tightness-after-treatment", display: "Tightness after treatment (0-10)" },
] as const;

export function sessionEntries(session: SessionView, clientId: string, customTechniques: ReadonlyMap<string, string>): BundleEntry[] {
  const patient = reference("Patient", clientId);
  const practitioner = reference("Practitioner", session.practitioner.id);
  const encounter = reference("Encounter", session.id);
  // A signed note is final; a draft's content may still change; a note marked in error says so.
  const observationStatus = session.enteredInError
    ? "entered-in-error"
    : session.status === "signed"
      ? session.amendments > 0
        ? "amended"
        : "final"
      : "preliminary";
  const entries: BundleEntry[] = [
    resource("Encounter", session.id, {
      identifier: [{ system: SYSTEMS.sessionId, value: session.id }],
      status: session.enteredInError ? "entered-in-error" : "finished",
      class: { system: SYSTEMS.actCode, code: "AMB", display: "ambulatory" },
      type: [{ text: "Manual therapy session" }],
      subject: patient,
      participant: [{ individual: practitioner }],
      period: { start: session.startedAt },
    }),
  ];
  session.steps.forEach((step, position) => {
    const name = techniqueName(step.technique, customTechniques);
    entries.push(
      resource("Procedure", `${session.id}/step/${position}`, {
        status: "completed",
        code: { coding: [{ system: SYSTEMS.technique, code: step.technique, display: name }], text: name },
        subject: patient,
        encounter,
        performedDateTime: session.startedAt,
        performer: [{ actor: practitioner }],
        bodySite: step.regionCode ? [bodySite(REGION_BY_CODE.get(step.regionCode), step.regionCode, step.side)] : null,
        note: [{ text: describeStep(step, customTechniques) }, ...(step.note ? [{ text: step.note }] : [])],
      }),
    );
  });
  for (const measure of SESSION_MEASURES) {
    const value = session.measures[measure.phase][measure.quality];
    if (value === null) continue;
    entries.push(
      resource("Observation", `${session.id}/measure/${measure.code}`, {
        status: observationStatus,
        category: category("survey", "Survey"),
        code: { coding: [{ system: SYSTEMS.observation, code: measure.code, display: measure.display }], text: measure.display },
        subject: patient,
        encounter,
        effectiveDateTime: session.startedAt,
        performer: [practitioner],
        valueQuantity: scoreQuantity(value),
      }),
    );
  }
  session.findings.forEach((finding, position) => {
    const region = REGION_BY_CODE.get(finding.regionCode);
    entries.push(
      resource("Observation", `${session.id}/finding/${position}`, {
        status: observationStatus,
        category: category("exam", "Exam"),
        code: {
          coding: [{ system: SYSTEMS.observation, code: "palpation-finding", display: "Palpation finding" }],
          text: "Palpation finding",
        },
        subject: patient,
        encounter,
        effectiveDateTime: session.startedAt,
        performer: [practitioner],
        bodySite: bodySite(region, finding.regionCode, finding.side),
        note: finding.note ? [{ text: finding.note }] : null,
        component: [
          ...QUALITIES.flatMap((quality) => {
            const grade = finding.qualities[quality.code];
            if (grade === null) return [];
            const gradeName = GRADES[grade] ?? String(grade);
            return [
              {
                code: { coding: [{ system: SYSTEMS.quality, code: quality.code, display: quality.name }], text: quality.name },
                valueCodeableConcept: {
                  coding: [{ system: SYSTEMS.grade, code: gradeName, display: `${capitalise(gradeName)} (${grade})` }],
                  text: `${capitalise(gradeName)} (${grade} of 3)`,
                },
              },
            ];
          }),
          ...(finding.textureDescriptor
            ? [
                {
                  code: { coding: [{ system: SYSTEMS.quality, code: "texture-descriptor", display: "Texture descriptor" }] },
                  valueString: finding.textureDescriptor,
                },
              ]
            : []),
        ],
      }),
    );
  });
  return entries;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
