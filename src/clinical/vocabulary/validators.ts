import { z } from "zod";
import { optionalText } from "../../shared/validators.js";
import { DIRECTION_CODES, INTENSITIES, isTechniqueCodeShape, type DirectionCode } from "../../shared/vocabulary/catalogue.js";
import { isRegionCode } from "../../shared/vocabulary/regions.js";

/** zod building blocks shared by complaints, protocols and sessions. */

export const regionCode = z.string({ message: "must be a region code" }).refine(isRegionCode, "is not a known region code");
export const sideOrBoth = z.enum(["left", "right", "both"], { message: "must be left, right or both" });
export const techniqueCode = z
  .string({ message: "must be a technique code" })
  .refine(isTechniqueCodeShape, "is not a known technique code");

export const stepInput = z.strictObject({
  technique: techniqueCode,
  regionCode: regionCode.nullable().default(null),
  side: sideOrBoth.nullable().default(null),
  direction: z
    .string()
    .refine((d): d is DirectionCode => (DIRECTION_CODES as readonly string[]).includes(d), `must be one of ${DIRECTION_CODES.join(", ")}`)
    .nullable()
    .default(null),
  minutes: z.number().min(0, "must be at least 0 minutes").max(120, "must be at most 120 minutes").nullable().default(null),
  intensity: z
    .enum(INTENSITIES, { message: `must be one of ${INTENSITIES.join(", ")}` })
    .nullable()
    .default(null),
  note: optionalText(500).transform((v) => v ?? null),
});
export type StepInput = z.output<typeof stepInput>;
export type Step = StepInput;
