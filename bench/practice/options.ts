/** The practice benchmark's command line (see run.ts), read once when the benchmark starts. */
import { fileURLToPath } from "node:url";
import { FULL_SIZES, sizeKey, SMALL_SIZES, type PracticeSizes } from "./generate.js";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const args = process.argv.slice(2);
export const flag = (name: string) => args.includes(`--${name}`);
export const option = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const numberOption = (name: string, fallback: number): number => {
  const raw = option(name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a whole number, got "${raw}"`);
  return value;
};

const base = flag("small") ? SMALL_SIZES : FULL_SIZES;
export const sizes: PracticeSizes = {
  ...base,
  clients: numberOption("clients", base.clients),
  sessions: numberOption("sessions", base.sessions),
  findings: numberOption("findings", base.findings),
  steps: numberOption("steps", base.steps),
  checkins: numberOption("checkins", base.checkins),
  answers: numberOption("answers", base.answers),
  activities: numberOption("activities", base.activities),
  audit: numberOption("audit", base.audit),
};
export const REQUESTS = numberOption("requests", 20);
/** Measures only /api/health and the check-in links (a quick look at the busiest pages there are). */
export const LINKS_ONLY = flag("links-only");
/** A page is cut short after this long so a pathological page cannot stall the run. */
export const PAGE_BUDGET_MS = 20_000;
export const databaseUrl = process.env.DATABASE_URL?.trim();
export const key = sizeKey(sizes);

export function log(line: string): void {
  process.stderr.write(`${line}\n`);
}
