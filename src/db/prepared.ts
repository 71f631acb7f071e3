import { CompiledQuery } from "kysely";
import { isSqlite } from "./concurrency.js";
import type { Executor } from "./database.js";

/**
 * A statement of the busiest requests (the client's link pages), written once as SQL text with
 * `?` for its parameters (`$1`, `$2`… on PostgreSQL) and run as it is: no query is built and
 * compiled per call, which costs a link page more than most of its statements take to run. The
 * text must hold no other `?`. Each database still prepares it once and reuses it.
 */
export function preparedStatement<Row>(text: string): (db: Executor, parameters: readonly unknown[]) => Promise<Row[]> {
  let n = 0;
  const postgres = text.replace(/\?/g, () => `$${++n}`);
  const sqlite = CompiledQuery.raw(text);
  const pg = CompiledQuery.raw(postgres);
  return async (db, parameters) => {
    const base = isSqlite(db) ? sqlite : pg;
    const { rows } = await db.executeQuery<Row>({ ...base, parameters });
    return rows;
  };
}
