/** The import limits live with every other size limit in shared/limits.ts. */
export { IMPORT_LIMITS } from "../../shared/limits.js";
