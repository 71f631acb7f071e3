import type { Executor } from "../db/database.js";
import { freezeForPlan, loadCatalogue } from "../questionnaires/service.js";
import { validationFailed } from "../platform/errors.js";
import type { PracticeScope } from "../shared/scope.js";
import { isAskable } from "../shared/measures/index.js";

/**
 * A plan's measures must be ones a link page can ask for this practice: a library measure with
 * its wording, one of the practice's questionnaires, or the UWRI once the practice has entered its
 * wording. Listing a questionnaire in a plan is its first use: its latest version is frozen.
 */
export async function checkPlanMeasures(tx: Executor, scope: PracticeScope, codes: readonly string[], at: string): Promise<void> {
  const catalogue = await loadCatalogue(tx, scope);
  const fields: Record<string, string> = {};
  for (const [index, code] of codes.entries()) {
    if (!isAskable(catalogue.byCode(code))) {
      fields[`measureCodes.${index}`] =
        `Measure ${code}: cannot be asked on a check-in link (unknown, or its wording has not been entered)`;
    }
  }
  if (Object.keys(fields).length > 0) throw validationFailed(fields);
  await freezeForPlan(tx, scope, codes, at);
}
