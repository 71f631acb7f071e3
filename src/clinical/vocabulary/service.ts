import { lockPractice } from "../../db/concurrency.js";
import type { Database, Executor } from "../../db/database.js";
import { conflict, validationFailed, type FieldErrors } from "../../platform/errors.js";
import type { Clock } from "../../shared/clock.js";
import { newId } from "../../shared/ids.js";
import type { PracticeScope } from "../../shared/scope.js";
import {
  CUSTOM_TECHNIQUE_PREFIX,
  TECHNIQUES,
  isCatalogueTechnique,
  vocabulary,
  type Vocabulary,
} from "../../shared/vocabulary/catalogue.js";
import * as repo from "./repository.js";

export interface ClinicalDeps {
  database: Database;
  clock: Clock;
}

export interface TechniqueView {
  code: string;
  name: string;
  custom: boolean;
}

export async function getVocabulary(deps: ClinicalDeps, scope: PracticeScope): Promise<Vocabulary> {
  return vocabulary(await customTechniques(deps.database.db, scope));
}

export async function createTechnique(deps: ClinicalDeps, scope: PracticeScope, name: string): Promise<TechniqueView> {
  const id = newId();
  const nameKey = name.toLowerCase();
  await deps.database.db.transaction().execute(async (tx) => {
    // Names are unique per practice: creations are written one at a time, so a second one with the same name is a 409, never a 500.
    await lockPractice(tx, scope);
    const inCatalogue = TECHNIQUES.some((t) => t.name.toLowerCase() === nameKey);
    if (inCatalogue || (await repo.isTechniqueNameTaken(tx, scope, nameKey))) {
      throw conflict("technique_exists", "A technique with this name exists already", { name: "is already a technique" });
    }
    await repo.insertCustomTechnique(tx, scope, { id, name, name_key: nameKey, created_at: deps.clock.now().toISOString() });
  });
  return { code: `${CUSTOM_TECHNIQUE_PREFIX}${id}`, name, custom: true };
}

/** The practice's own techniques as { code: "custom:<id>", name }. */
export async function customTechniques(db: Executor, scope: PracticeScope): Promise<{ code: string; name: string }[]> {
  return (await repo.listCustomTechniques(db, scope)).map((t) => ({ code: `${CUSTOM_TECHNIQUE_PREFIX}${t.id}`, name: t.name }));
}

/** Refuses steps whose custom technique is not this practice's, naming each one (e.g. `steps.2.technique`). */
export async function assertTechniquesKnown(
  db: Executor,
  scope: PracticeScope,
  steps: { technique: string }[],
  path = "steps",
): Promise<void> {
  if (steps.every((s) => isCatalogueTechnique(s.technique))) return;
  const known = new Set((await customTechniques(db, scope)).map((t) => t.code));
  const fields: FieldErrors = {};
  steps.forEach((step, index) => {
    if (!isCatalogueTechnique(step.technique) && !known.has(step.technique))
      fields[`${path}.${index}.technique`] = "is not a known technique code";
  });
  if (Object.keys(fields).length > 0) throw validationFailed(fields);
}
