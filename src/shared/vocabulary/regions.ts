/**
 * Body regions a therapist records findings and techniques on. Codes are stable strings; a region
 * may subdivide another (rectus femoris → its thirds). SNOMED CT body-structure codes are given
 * only where we could check them against a published source (recorded in `source`); everywhere
 * else `snomed` is null on purpose — a wrong code is worse than none.
 */
export interface SnomedCoding {
  code: string;
  term: string;
  source: string;
}

export interface BodyRegion {
  code: string;
  name: string;
  parent: string | null;
  view: "front" | "back";
  /** False for midline regions (e.g. lumbar paraspinals are recorded without a side). */
  sided: boolean;
  snomed: SnomedCoding | null;
}

const NZ_RHEUMATIC_FEVER_IG =
  "HL7 New Zealand Shared Care Rheumatic Fever FHIR IG, profile RheumaticFeverMedicationRequest, dosageInstruction.site (SNOMED body structures for injection sites)";

const region = (
  code: string,
  name: string,
  parent: string | null,
  view: "front" | "back",
  snomed: SnomedCoding | null = null,
  sided = true,
) => ({ code, name, parent, view, sided, snomed }) satisfies BodyRegion;

export const REGIONS: readonly BodyRegion[] = [
  // 68455001 "Structure of iliopsoas muscle" appears in a single third-party FHIR code system only; not confirmed, so null.
  region("iliopsoas", "Iliopsoas (hip flexor)", null, "front"),
  region("quadriceps", "Quadriceps", null, "front", {
    code: "21989003",
    term: "Structure of quadriceps femoris muscle (body structure)",
    source:
      "FHIR body-site value set JSON in a public GitHub repository (code 21989003 'Quadriceps Femoris Muscle'), agreeing with a Lifestyle Medicine FHIR code system (AppLogicCS muscle groups)",
  }),
  // Rectus femoris: no SNOMED code found in any source we could check.
  region("rectus_femoris", "Rectus femoris", "quadriceps", "front"),
  // The thirds are therapist subdivisions; SNOMED CT has no concept for them.
  region("rectus_femoris_proximal", "Rectus femoris, proximal third", "rectus_femoris", "front"),
  region("rectus_femoris_middle", "Rectus femoris, middle third", "rectus_femoris", "front"),
  region("rectus_femoris_distal", "Rectus femoris, distal third", "rectus_femoris", "front"),
  region("vastus_lateralis", "Vastus lateralis", "quadriceps", "front", {
    code: "1403006",
    term: "Structure of vastus lateralis muscle (body structure)",
    source: NZ_RHEUMATIC_FEVER_IG,
  }),
  // Vastus medialis: not verified, null.
  region("vastus_medialis", "Vastus medialis", "quadriceps", "front"),
  // TFL, IT band, adductors: not verified, null.
  region("tfl", "Tensor fasciae latae (TFL)", null, "front"),
  region("it_band", "Iliotibial band", null, "front"),
  region("adductors", "Adductors", null, "front"),
  // Hamstrings: a "muscle and/or tendon" code exists but could not be confirmed from a primary source; null.
  region("hamstrings", "Hamstrings", null, "back"),
  region("gluteus_maximus", "Gluteus maximus", null, "back", {
    code: "206007",
    term: "Structure of gluteus maximus muscle (body structure)",
    source: NZ_RHEUMATIC_FEVER_IG,
  }),
  region("gluteus_medius", "Gluteus medius", null, "back", {
    code: "78333006",
    term: "Structure of gluteus medius muscle (body structure)",
    source: NZ_RHEUMATIC_FEVER_IG,
  }),
  // Gastrocnemius, soleus, tibialis anterior, lumbar paraspinals, plantar fascia: not verified, null.
  region("gastrocnemius", "Gastrocnemius", null, "back"),
  region("soleus", "Soleus", null, "back"),
  region("tibialis_anterior", "Tibialis anterior", null, "front"),
  region("lumbar_paraspinals", "Lumbar paraspinals", null, "back", null, false),
  region("plantar_fascia", "Plantar fascia", null, "back"),
];

const BY_CODE = new Map(REGIONS.map((r) => [r.code, r]));

export function isRegionCode(code: string): boolean {
  return BY_CODE.has(code);
}

/** False for midline regions, which are recorded without a side. */
export function isSidedRegion(code: string): boolean {
  return BY_CODE.get(code)?.sided ?? true;
}

export function regionName(code: string): string {
  return BY_CODE.get(code)?.name ?? code;
}
