import { z } from "zod";
import { requiredText } from "../../shared/validators.js";

export const createTechniqueRequest = z.strictObject({ name: requiredText(100) });
