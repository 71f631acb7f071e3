import { CompiledQuery, SqliteAdapter } from "kysely";
import type { Executor } from "./database.js";

/**
 * A statement of the busiest requests (the client's link pages), written once as SQL text with
 * `?` for its parameters (`$1`, `$2`… on PostgreSQL) and run as it is: no query is built and
 * compiled per call, which costs a link page more than most of its statements take to run. The
 * text must hold no other `?`. Each database still prepares it once and reuses it. Where the two
 * databases need different text, give both.
 */
export function preparedStatement<Row>(
  text: string | { sqlite: string; postgres: string },
): (db: Executor, parameters: readonly unknown[]) => Promise<Row[]> {
  const { sqlite, postgres } = typeof text === "string" ? { sqlite: text, postgres: text } : text;
  let n = 0;
  const forSqlite = CompiledQuery.raw(sqlite);
  const forPostgres = CompiledQuery.raw(postgres.replace(/\?/g, () => `$${++n}`));
  return async (db, parameters) => {
    const base = db.getExecutor().adapter instanceof SqliteAdapter ? forSqlite : forPostgres;
    const { rows } = await db.executeQuery<Row>({ ...base, parameters });
    return rows;
  };
}
