/** Palpable's FIT decoder: `parseFit(bytes)` → `{ activity, warnings }` or a {@link FitParseError}. */
export { parseFit, type FitParseOptions } from "./parse-fit.js";
export { FitParseError } from "./errors.js";
export type { FitParseErrorCode, FitWarning, FitWarningCode } from "./errors.js";
export type {
  FitActivity,
  FitDeveloperColumn,
  FitDeveloperField,
  FitDeviceInfo,
  FitEvent,
  FitFileId,
  FitLap,
  FitLength,
  FitParseResult,
  FitRecords,
  FitSession,
  FitSport,
  FitSummary,
} from "./types.js";
