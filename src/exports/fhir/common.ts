import { createHash } from "node:crypto";
import type { BodyRegion } from "../../shared/vocabulary/regions.js";

/**
 * Shared pieces of the FHIR R4 export: code-system URLs, stable resource UUIDs, references, and
 * `compact`, which drops nulls, empty strings, empty arrays and empty objects (FHIR forbids them).
 */

/** Our namespace for code systems and canonical URLs. */
export const PALPABLE_FHIR = "https://palpable.app/fhir";
export const SYSTEMS = {
  technique: `${PALPABLE_FHIR}/CodeSystem/technique`,
  region: `${PALPABLE_FHIR}/CodeSystem/body-region`,
  quality: `${PALPABLE_FHIR}/CodeSystem/palpation-quality`,
  grade: `${PALPABLE_FHIR}/CodeSystem/palpation-grade`,
  observation: `${PALPABLE_FHIR}/CodeSystem/observation`,
  measure: `${PALPABLE_FHIR}/CodeSystem/measure`,
  clientId: `${PALPABLE_FHIR}/identifier/client`,
  practitionerId: `${PALPABLE_FHIR}/identifier/practitioner`,
  sessionId: `${PALPABLE_FHIR}/identifier/session`,
  checkinAnswer: `${PALPABLE_FHIR}/identifier/checkin-answer`,
  snomed: "http://snomed.info/sct",
  loinc: "http://loinc.org",
  ucum: "http://unitsofmeasure.org",
  observationCategory: "http://terminology.hl7.org/CodeSystem/observation-category",
  actCode: "http://terminology.hl7.org/CodeSystem/v3-ActCode",
} as const;

export const questionnaireUrl = (measureCode: string) => `${PALPABLE_FHIR}/Questionnaire/${measureCode}`;

export type JsonValue = string | number | boolean | JsonValue[] | { [key: string]: JsonValue };
export interface FhirResource {
  resourceType: string;
  id: string;
  [key: string]: JsonValue;
}
export interface BundleEntry {
  fullUrl: string;
  resource: FhirResource;
}

/** A value before `compact`: may still hold undefined, null and empty parts. */
export type Loose = string | number | boolean | null | undefined | Loose[] | { [key: string]: Loose };

/** Removes null, undefined, "", [] and {} everywhere, so every element present has a value. */
export function compact(value: Loose): JsonValue | undefined {
  if (value === null || value === undefined || value === "") return undefined;
  if (Array.isArray(value)) {
    const items = value.map(compact).filter((v): v is JsonValue => v !== undefined);
    return items.length > 0 ? items : undefined;
  }
  if (typeof value === "object") {
    const out: { [key: string]: JsonValue } = {};
    for (const [key, inner] of Object.entries(value)) {
      const kept = compact(inner);
      if (kept !== undefined) out[key] = kept;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }
  if (typeof value === "number" && !Number.isFinite(value)) return undefined;
  return value;
}

/** Builds a resource: its id is the stable UUID for `key`, and empty parts are dropped. */
export function resource(resourceType: string, key: string, body: { [key: string]: Loose }): BundleEntry {
  const id = stableUuid(`${resourceType}/${key}`);
  const compacted = compact({ ...body }) as { [key: string]: JsonValue } | undefined;
  return { fullUrl: `urn:uuid:${id}`, resource: { resourceType, id, ...compacted } };
}

export const reference = (resourceType: string, key: string) => ({ reference: `urn:uuid:${stableUuid(`${resourceType}/${key}`)}` });

/** Fixed namespace for our name-based (version 5) UUIDs. */
const NAMESPACE = Buffer.from("6f1c2d3e4b5a49688a7b9c0d1e2f3a4b", "hex");

/** A name-based UUID (RFC 4122 version 5): the same record always gets the same fullUrl. */
export function stableUuid(name: string): string {
  const hash = createHash("sha1").update(NAMESPACE).update(name, "utf8").digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A body site: our region code, the SNOMED CT body structure where the vocabulary has a checked one, and text with the side. */
export function bodySite(region: BodyRegion | undefined, regionCode: string, side: string | null): Loose {
  const name = region?.name ?? regionCode;
  return {
    coding: [
      { system: SYSTEMS.region, code: regionCode, display: name },
      ...(region?.snomed ? [{ system: SYSTEMS.snomed, code: region.snomed.code, display: region.snomed.term }] : []),
    ],
    text: side ? `${name} (${side})` : name,
  };
}

export const category = (code: "survey" | "exam", display: string) => [
  { coding: [{ system: SYSTEMS.observationCategory, code, display }] },
];

/** A 0-10 (or other) score as a Quantity with the UCUM annotation {score}. */
export const scoreQuantity = (value: number) => ({ value, unit: "score", system: SYSTEMS.ucum, code: "{score}" });
