/** Palpable's TCX reader: `parseTcx(bytes)` → `{ activity, warnings }` or a {@link TrainingFileError}. */
export { parseTcx } from "./parse-tcx.js";
export { TrainingFileError } from "../xml/errors.js";
export type { TrainingFileErrorCode } from "../xml/errors.js";
