/** Palpable's GPX reader: `parseGpx(bytes)` → `{ activity, warnings }` or a {@link TrainingFileError}. */
export { parseGpx } from "./parse-gpx.js";
export { TrainingFileError } from "../xml/errors.js";
export type { TrainingFileErrorCode } from "../xml/errors.js";
