import type { z } from "zod";
import type { Database, Executor } from "../db/database.js";
import {
  isQuestionnaireCode,
  LIBRARY_CATALOGUE,
  practiceCatalogue,
  questionnaireCode,
  UWRI,
  type MeasureCatalogue,
  type QuestionnaireDefinition,
  type UwriWording,
} from "../shared/measures/index.js";
import { notFound, staleVersion, validationFailed, type FieldErrors } from "../platform/errors.js";
import type { Clock } from "../shared/clock.js";
import { newId } from "../shared/ids.js";
import type { Actor, PracticeScope } from "../shared/scope.js";
import * as repo from "./repository.js";
import { fieldLabel, questionnaireRequest, uwriWordingRequest, type QuestionnaireView } from "./schema.js";

export interface QuestionnaireDeps {
  database: Database;
  clock: Clock;
}

/** Parses a definition, or a 400 whose messages name each field in words ("Item 2, wording: must not be empty"). */
export function parseDefinition<S extends typeof questionnaireRequest | typeof uwriWordingRequest>(schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data as z.output<S>;
  const fields: FieldErrors = {};
  for (const issue of result.error.issues) {
    const path = issue.path.length > 0 ? issue.path.map(String).join(".") : "body";
    fields[path] ??= `${fieldLabel(path)}: ${issue.message}`;
  }
  throw validationFailed(fields, Object.values(fields).join("; "));
}

export async function listQuestionnaires(deps: QuestionnaireDeps, scope: PracticeScope): Promise<QuestionnaireView[]> {
  const db = deps.database.db;
  const [rows, versions] = await Promise.all([repo.listQuestionnaires(db, scope), repo.listVersions(db, scope)]);
  return rows.map((row) => toView(row, versions));
}

export async function getQuestionnaire(deps: QuestionnaireDeps, scope: PracticeScope, id: string): Promise<QuestionnaireView> {
  const view = await loadView(deps.database.db, scope, id);
  if (!view) throw notFound("Questionnaire");
  return view;
}

export async function createQuestionnaire(deps: QuestionnaireDeps, actor: Actor, body: unknown): Promise<QuestionnaireView> {
  const definition = parseDefinition(questionnaireRequest, body);
  const id = newId();
  const now = deps.clock.now().toISOString();
  await deps.database.db.transaction().execute(async (tx) => {
    await repo.insertQuestionnaire(tx, actor, {
      id,
      based_on: null,
      created_at: now,
      created_by: actor.practitionerId,
      updated_at: now,
      updated_by: actor.practitionerId,
    });
    await insertVersion(tx, actor, id, 1, definition, now);
  });
  return getQuestionnaire(deps, actor, id);
}

/**
 * Edits a questionnaire based on record version `basedOn` (409 when stale). A version nobody has
 * used yet is changed in place; once a plan lists it or a client answered it, the edit becomes a
 * new version and the used one stays as it was, with its answers.
 */
export async function reviseQuestionnaire(
  deps: QuestionnaireDeps,
  actor: Actor,
  id: string,
  body: unknown,
  basedOn: number,
): Promise<QuestionnaireView> {
  const now = deps.clock.now().toISOString();
  await deps.database.db.transaction().execute(async (tx) => {
    const row = await repo.findQuestionnaire(tx, actor, id);
    if (!row) throw notFound("Questionnaire");
    const definition = row.based_on === UWRI.code ? parseDefinition(uwriWordingRequest, body) : parseDefinition(questionnaireRequest, body);
    await claimOrStale(tx, actor, id, basedOn, now);
    await writeDefinition(tx, actor, id, definition, now);
  });
  return getQuestionnaire(deps, actor, id);
}

/**
 * The practice's UWRI wording from its own copy of the instrument: the first entry creates it
 * (`basedOn` absent), later ones edit it like any questionnaire. The library keeps the topics,
 * the 0–36 scoring and the MCID; only the words come from the practice.
 */
export async function saveUwriWording(
  deps: QuestionnaireDeps,
  actor: Actor,
  body: unknown,
  basedOn: number | null,
): Promise<QuestionnaireView> {
  const wording = parseDefinition(uwriWordingRequest, body);
  const now = deps.clock.now().toISOString();
  const id = await deps.database.db.transaction().execute(async (tx) => {
    const existing = await repo.findByBasis(tx, actor, UWRI.code);
    if (!existing) {
      if (basedOn !== null) throw notFound("UWRI wording");
      const newQuestionnaireId = newId();
      await repo.insertQuestionnaire(tx, actor, {
        id: newQuestionnaireId,
        based_on: UWRI.code,
        created_at: now,
        created_by: actor.practitionerId,
        updated_at: now,
        updated_by: actor.practitionerId,
      });
      await insertVersion(tx, actor, newQuestionnaireId, 1, wording, now);
      return newQuestionnaireId;
    }
    if (basedOn === null) throw validationFailed({ version: "Version: is required, since the wording has been entered already" });
    await claimOrStale(tx, actor, existing.id, basedOn, now);
    await writeDefinition(tx, actor, existing.id, wording, now);
    return existing.id;
  });
  return getQuestionnaire(deps, actor, id);
}

async function claimOrStale(tx: Executor, actor: Actor, id: string, basedOn: number, now: string): Promise<void> {
  if (await repo.claimVersion(tx, actor, id, basedOn, actor.practitionerId, now)) return;
  const current = await repo.currentVersion(tx, actor, id);
  if (!current) throw notFound("Questionnaire");
  throw staleVersion("questionnaire", current, await loadView(tx, actor, id));
}

async function writeDefinition(tx: Executor, actor: Actor, id: string, definition: object, now: string): Promise<void> {
  const [latest] = await repo.listVersions(tx, actor, id);
  if (latest && latest.frozen_at === null) {
    await repo.replaceDefinition(tx, actor, latest.id, JSON.stringify(definition));
  } else {
    await insertVersion(tx, actor, id, (latest?.number ?? 0) + 1, definition, now);
  }
}

async function insertVersion(
  tx: Executor,
  actor: Actor,
  questionnaireId: string,
  number: number,
  definition: object,
  now: string,
): Promise<void> {
  await repo.insertVersion(tx, actor, {
    id: newId(),
    questionnaire_id: questionnaireId,
    number,
    definition_json: JSON.stringify(definition),
    created_at: now,
    created_by: actor.practitionerId,
    frozen_at: null,
  });
}

async function loadView(db: Executor, scope: PracticeScope, id: string): Promise<QuestionnaireView | undefined> {
  const row = await repo.findQuestionnaire(db, scope, id);
  if (!row) return undefined;
  return toView(row, await repo.listVersions(db, scope, id));
}

function toView(row: repo.QuestionnaireRow, versions: readonly repo.QuestionnaireVersionRow[]): QuestionnaireView {
  return {
    id: row.id,
    code: row.based_on === UWRI.code ? UWRI.code : questionnaireCode(row.id),
    basedOn: row.based_on === UWRI.code ? "uwri" : null,
    version: Number(row.version),
    updatedAt: row.updated_at,
    versions: versions
      .filter((v) => v.questionnaire_id === row.id)
      .map((v) => ({
        number: Number(v.number),
        createdAt: v.created_at,
        frozenAt: v.frozen_at,
        definition: JSON.parse(v.definition_json) as QuestionnaireDefinition | UwriWording,
      })),
  };
}

/** Every measure this practice can use, every version of its own questionnaires included. */
export async function loadCatalogue(db: Executor, scope: PracticeScope): Promise<MeasureCatalogue> {
  const [rows, versions] = await Promise.all([repo.listQuestionnaires(db, scope), repo.listVersions(db, scope)]);
  const byQuestionnaire = (id: string) =>
    versions
      .filter((v) => v.questionnaire_id === id)
      .map((v) => ({ number: Number(v.number), definition: JSON.parse(v.definition_json) as unknown }));
  return practiceCatalogue({
    questionnaires: rows
      .filter((r) => r.based_on === null)
      .map((r) => {
        const own = byQuestionnaire(r.id) as { number: number; definition: QuestionnaireDefinition }[];
        return { id: r.id, title: own.at(0)?.definition.title ?? "", versions: own };
      }),
    uwri: rows
      .filter((r) => r.based_on === UWRI.code)
      .flatMap((r) => byQuestionnaire(r.id) as { number: number; definition: UwriWording }[]),
  });
}

/**
 * The catalogue that reads these measure codes: the library's own when none of them is the
 * practice's (a questionnaire of its own, or its UWRI wording), so a check-in link asking NPRS and
 * tightness reads nothing more from the database.
 */
export async function loadCatalogueFor(db: Executor, scope: PracticeScope, codes: readonly string[]): Promise<MeasureCatalogue> {
  return codes.some((code) => isQuestionnaireCode(code) || code === UWRI.code) ? loadCatalogue(db, scope) : LIBRARY_CATALOGUE;
}

/** Questionnaire ids behind measure codes: `pq-<id>`, and the practice's UWRI wording for `uwri`. */
async function questionnaireIds(db: Executor, scope: PracticeScope, codes: readonly string[]): Promise<string[]> {
  const ids = codes.filter(isQuestionnaireCode).map((code) => code.slice(3));
  if (codes.includes(UWRI.code)) {
    const uwri = await repo.findByBasis(db, scope, UWRI.code);
    if (uwri) ids.push(uwri.id);
  }
  return ids;
}

/** First use by a plan: the latest version of each questionnaire the plan lists is frozen. */
export async function freezeForPlan(db: Executor, scope: PracticeScope, codes: readonly string[], at: string): Promise<void> {
  await repo.freezeLatest(db, scope, await questionnaireIds(db, scope, codes), at);
}

/** First answer: the version each answer was given with is frozen. */
export async function freezeAnswered(
  db: Executor,
  scope: PracticeScope,
  answers: Readonly<Record<string, { version: string }>>,
  at: string,
): Promise<void> {
  for (const [code, answer] of Object.entries(answers)) {
    const [id] = await questionnaireIds(db, scope, [code]);
    if (!id) continue;
    const number = code === UWRI.code ? Number(/\+practice\.(\d+)$/.exec(answer.version)?.[1]) : Number(answer.version);
    if (Number.isInteger(number)) await repo.freezeVersion(db, scope, id, number, at);
  }
}
