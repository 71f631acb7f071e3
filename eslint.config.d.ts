import type { Linter } from "eslint";

/** One layer boundary of the boundaries rule (eslint/boundaries.js). */
export interface Boundary {
  from: RegExp;
  except?: RegExp;
  disallow: RegExp[];
  allow?: RegExp[];
  allowTypes?: RegExp[];
  message: string;
}

export const BOUNDARIES: Boundary[];
declare const config: Linter.Config[];
export default config;
