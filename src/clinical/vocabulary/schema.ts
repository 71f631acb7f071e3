import { z } from "zod";
import { requiredText } from "../../shared/validators.js";

export const createTechniqueRequest = z.strictObject({ name: requiredText(100) });

/** Response shapes built in other files of this module, named here so the web app imports types only from schema.ts. */
export type { DirectionCode, Intensity, QualityCode, Vocabulary } from "../../shared/vocabulary/catalogue.js";
export type { BodyRegion } from "../../shared/vocabulary/regions.js";
export type { Step } from "./validators.js";
