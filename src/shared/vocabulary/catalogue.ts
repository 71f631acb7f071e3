import { REGIONS, type BodyRegion } from "./regions.js";

/** Bumped whenever a code is added or renamed; clients may cache the vocabulary by it. */
export const VOCABULARY_VERSION = "2026.11";

export const TECHNIQUES = [
  { code: "cupping", name: "Cupping" },
  { code: "hot_stones", name: "Hot stones" },
  { code: "myofascial_release", name: "Myofascial release" },
  { code: "ischemic_compression", name: "Ischemic compression" },
  { code: "trigger_point", name: "Trigger point" },
  { code: "mobilisation", name: "Mobilisation" },
  { code: "stretching", name: "Stretching" },
  { code: "percussion", name: "Percussion" },
  { code: "effleurage", name: "Effleurage" },
  { code: "petrissage", name: "Petrissage" },
  { code: "cross_fibre_friction", name: "Cross-fibre friction" },
] as const;

export const QUALITY_CODES = ["tension", "tenderness", "texture", "adhesion", "temperature"] as const;
export type QualityCode = (typeof QUALITY_CODES)[number];

export const QUALITIES: readonly { code: QualityCode; name: string; help: string }[] = [
  { code: "tension", name: "Tension / rigidity", help: "How hard the tissue feels at rest, from soft (0) to rigid (3)" },
  { code: "tenderness", name: "Tenderness", help: "Discomfort the client reports under pressure" },
  { code: "texture", name: "Texture", help: "How far the tissue is from smooth; describe it (e.g. crunchy) below" },
  { code: "adhesion", name: "Adhesion", help: "How much the layers stick to each other and fail to glide" },
  { code: "temperature", name: "Temperature", help: "Warmth compared with the other side or nearby tissue" },
];

export const GRADES = ["none", "mild", "moderate", "marked"] as const;
export const TEXTURE_DESCRIPTORS = ["crunchy", "ropey", "boggy", "stringy", "smooth"] as const;
export const DIRECTIONS = [
  { code: "distal_to_proximal", name: "Distal → proximal" },
  { code: "proximal_to_distal", name: "Proximal → distal" },
  { code: "medial_to_lateral", name: "Medial → lateral" },
  { code: "lateral_to_medial", name: "Lateral → medial" },
  { code: "circular", name: "Circular" },
  { code: "static", name: "Static" },
] as const;
export type DirectionCode = (typeof DIRECTIONS)[number]["code"];
export const DIRECTION_CODES = DIRECTIONS.map((d) => d.code);
export const INTENSITIES = ["light", "moderate", "firm"] as const;
export type Intensity = (typeof INTENSITIES)[number];
export const TRIGGER_SUGGESTIONS = [
  "fast mile",
  "hill sprint",
  "hill repeats",
  "downhill",
  "intervals",
  "long run",
  "race",
  "new shoes",
] as const;

export const CUSTOM_TECHNIQUE_PREFIX = "custom:";
const CATALOGUE_TECHNIQUES = new Map<string, string>(TECHNIQUES.map((t) => [t.code, t.name]));

export function isCatalogueTechnique(code: string): boolean {
  return CATALOGUE_TECHNIQUES.has(code);
}

/** A technique code the vocabulary could hold: a catalogue code or "custom:<uuid>" (checked against the practice later). */
export function isTechniqueCodeShape(code: string): boolean {
  return isCatalogueTechnique(code) || /^custom:[0-9a-f-]{36}$/.test(code);
}

export function techniqueName(code: string, custom: ReadonlyMap<string, string> = new Map()): string {
  return CATALOGUE_TECHNIQUES.get(code) ?? custom.get(code) ?? code;
}

export interface Vocabulary {
  version: string;
  regions: readonly BodyRegion[];
  techniques: { code: string; name: string; custom: boolean }[];
  qualities: typeof QUALITIES;
  grades: typeof GRADES;
  textureDescriptors: typeof TEXTURE_DESCRIPTORS;
  directions: typeof DIRECTIONS;
  intensities: typeof INTENSITIES;
  triggerSuggestions: typeof TRIGGER_SUGGESTIONS;
}

/** The whole vocabulary, with the practice's own techniques after the catalogue. */
export function vocabulary(customTechniques: { code: string; name: string }[]): Vocabulary {
  return {
    version: VOCABULARY_VERSION,
    regions: REGIONS,
    techniques: [...TECHNIQUES.map((t) => ({ ...t, custom: false })), ...customTechniques.map((t) => ({ ...t, custom: true }))],
    qualities: QUALITIES,
    grades: GRADES,
    textureDescriptors: TEXTURE_DESCRIPTORS,
    directions: DIRECTIONS,
    intensities: INTENSITIES,
    triggerSuggestions: TRIGGER_SUGGESTIONS,
  };
}
