import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The `palpable` command the tests start as a process. By default the TypeScript source through
 * tsx (bin/palpable-dev.mjs), so a change needs no build; with PALPABLE_TEST_BUILT=1 the built
 * bundle (bin/palpable.mjs → dist/server), which is what `npm start` runs. CI runs the suite
 * once that way, after `npm run build`.
 */
export const TESTING_BUILT = process.env.PALPABLE_TEST_BUILT === "1";

const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));

export const PALPABLE_BIN = path.join(REPO_ROOT, "bin", TESTING_BUILT ? "palpable.mjs" : "palpable-dev.mjs");

if (TESTING_BUILT && !fs.existsSync(path.join(REPO_ROOT, "dist", "server", "palpable.mjs"))) {
  throw new Error('PALPABLE_TEST_BUILT=1 but dist/server is missing: run "npm run build" first.');
}
