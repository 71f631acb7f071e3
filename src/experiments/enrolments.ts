/** An experiment's enrolments beyond the first page: the paged list and one client's enrolment. */
import { z } from "zod";
import { validationFailed } from "../platform/errors.js";
import { CURSOR_PROBLEM, decodeCursor, encodeCursor } from "../shared/cursor.js";
import type { PracticeScope } from "../shared/scope.js";
import { isRetrospective, requireExperiment } from "./load.js";
import * as repo from "./repository.js";
import type { EnrolmentRow, ExperimentRow } from "./repository.js";
import type { EnrolmentPage, EnrolmentsQuery, EnrolmentView } from "./schema.js";
import type { ExperimentDeps } from "./service.js";

/** One page of the experiment's enrolments, in enrolment order. */
export async function listEnrolmentPage(
  deps: ExperimentDeps,
  scope: PracticeScope,
  id: string,
  query: EnrolmentsQuery,
): Promise<EnrolmentPage> {
  const db = deps.database.db;
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, enrolmentCursor);
  if (query.cursor !== undefined && !after) throw validationFailed({ cursor: CURSOR_PROBLEM });
  const row = await requireExperiment(db, scope, id);
  const rows = await repo.listEnrolmentsPage(db, scope, id, {
    after: after && { position: after[0], id: after[1] },
    limit: query.limit + 1,
  });
  const { enrolments, enrolmentsNextCursor } = enrolmentPage(row, rows, query.limit);
  return { items: enrolments, nextCursor: enrolmentsNextCursor };
}

/** One client's enrolment (the experiment embeds only the first page of them). */
export async function findEnrolment(
  deps: ExperimentDeps,
  scope: PracticeScope,
  experiment: { id: string; registration: { at: string } | null },
  clientId: string,
): Promise<EnrolmentView | undefined> {
  const found = await repo.findEnrolment(deps.database.db, scope, experiment.id, clientId);
  return found && enrolmentPage({ registered_at: experiment.registration?.at ?? null }, [found], 1).enrolments[0];
}

const enrolmentCursor = z.tuple([z.number().int(), z.string().min(1).max(100)]);

/** `rows` holds up to limit + 1 rows: the extra one only says there is a next page. */
export function enrolmentPage(
  row: Pick<ExperimentRow, "registered_at">,
  rows: EnrolmentRow[],
  limit: number,
): { enrolments: EnrolmentView[]; enrolmentsNextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    enrolments: page.map((e) => ({
      clientId: e.client_id,
      clientName: `${e.first_name} ${e.last_name}`,
      position: e.position,
      arm: e.arm,
      allocationNote: e.allocation_note,
      dataFrom: e.data_from,
      enrolledAt: e.enrolled_at,
      withdrawnAt: e.withdrawn_at,
      withdrawnReason: e.withdrawn_reason,
      retrospective: isRetrospective(row, e.data_from),
    })),
    enrolmentsNextCursor: rows.length > limit && last ? encodeCursor([last.position, last.id]) : null,
  };
}
