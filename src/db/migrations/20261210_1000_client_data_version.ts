import { sql, type Kysely } from "kysely";
import type { PalpableMigration } from "./types.js";

/**
 * A version per client that moves whenever one of the records the heavy pages compute from
 * changes: their runs (and run features), signed sessions (and those sessions' findings), answered
 * check-ins and check-in answers. Experiment results and patterns compare a sum of these versions
 * instead of counting those tables on every request.
 *
 * Kept by triggers on both databases, so every path bumps it (imports, reprocessing, erasure,
 * restores). A client gets a row on their first change after this migration (no row reads as 0,
 * and the first change adds 1, so the sum still moves). Erasure deletes the row with the client;
 * the triggers only write for a client that still exists.
 *
 * On PostgreSQL the triggers are deferred constraint triggers: the bump runs at commit, after every
 * other lock the transaction takes, so a transaction that holds a row (a check-in, a session, the
 * client) while it waits for another never holds a version row too, and writers of one client
 * queue only on its version row for the moment of their commits.
 */

interface Source {
  table: string;
  /** Rows of the client whose data changed, from the changed row `r` (new or old). */
  select: (r: string) => string;
  /** Only changes of these columns matter on update (all when absent). */
  updateOf?: string[];
  /** Only rows for which this holds (of `r`). */
  when?: (r: string) => string;
}

const SOURCES: Source[] = [
  { table: "activity", select: (r) => `select ${r}.client_id as client_id, ${r}.practice_id as practice_id` },
  {
    table: "activity_outcome",
    select: (r) => `select a.client_id as client_id, a.practice_id as practice_id from activity a where a.id = ${r}.activity_id`,
  },
  {
    table: "treatment_session",
    select: (r) => `select ${r}.client_id as client_id, ${r}.practice_id as practice_id`,
    when: (r) => `${r}.status = 'signed'`,
  },
  {
    table: "session_finding",
    select: (r) =>
      `select s.client_id as client_id, s.practice_id as practice_id from treatment_session s where s.id = ${r}.session_id and s.status = 'signed'`,
  },
  {
    table: "checkin",
    select: (r) => `select ${r}.client_id as client_id, ${r}.practice_id as practice_id`,
    updateOf: ["answered_at", "session_id", "due_at", "client_id"],
    when: (r) => `${r}.answered_at is not null`,
  },
  {
    table: "checkin_answer",
    select: (r) => `select c.client_id as client_id, c.practice_id as practice_id from checkin c where c.id = ${r}.checkin_id`,
  },
];

const UPSERT = `insert into client_data_version (client_id, practice_id, version)`;
const ON_CONFLICT = `on conflict (client_id) do update set version = client_data_version.version + 1`;

export const clientDataVersion: PalpableMigration = {
  async up(db, types) {
    await db.schema
      .createTable("client_data_version")
      .addColumn("client_id", "text", (c) => c.primaryKey())
      .addColumn("practice_id", "text", (c) => c.notNull())
      .addColumn("version", types.bigint, (c) => c.notNull())
      .execute();
    await db.schema.createIndex("client_data_version_practice").on("client_data_version").columns(["practice_id", "version"]).execute();
    if (types.dialect === "sqlite") await sqliteTriggers(db);
    else await postgresTriggers(db);
  },
};

/** SQLite: plain triggers (one writer at a time, so no lock order to mind). */
async function sqliteTriggers(db: Kysely<unknown>): Promise<void> {
  // The client must still exist: an erasure deletes the client's rows before the client.
  const bump = (r: string, source: Source, extra?: string) => {
    const select = source.select(r);
    const conditions = [`exists (select 1 from client x where x.id = d.client_id)`];
    return `${UPSERT} select d.client_id, d.practice_id, 1 from (${select}) d where ${conditions.join(" and ")}${extra ? ` and ${extra}` : ""} ${ON_CONFLICT};`;
  };
  for (const source of SOURCES) {
    const t = source.table;
    const whenNew = source.when ? ` when ${source.when("new")}` : "";
    const whenOld = source.when ? ` when ${source.when("old")}` : "";
    await sql.raw(`create trigger ${t}_cdv_ai after insert on ${t}${whenNew} begin ${bump("new", source)} end`).execute(db);
    await sql.raw(`create trigger ${t}_cdv_ad after delete on ${t}${whenOld} begin ${bump("old", source)} end`).execute(db);
    const of = source.updateOf ? ` of ${source.updateOf.join(", ")}` : "";
    const whenEither = source.when ? ` when ${source.when("old")} or ${source.when("new")}` : "";
    // The new row's client, and the old row's when the row moved to another client.
    await sql
      .raw(
        `create trigger ${t}_cdv_au after update${of} on ${t}${whenEither} begin ${bump("new", source)} ${bump(
          "old",
          source,
          `d.client_id is not (select n.client_id from (${source.select("new")}) n)`,
        )} end`,
      )
      .execute(db);
  }
}

/** PostgreSQL: deferred constraint triggers, so the bump is the transaction's last write. */
async function postgresTriggers(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `create function client_data_bump(c text, p text) returns void language sql as $$
        ${UPSERT} select c, p, 1 where c is not null and exists (select 1 from client x where x.id = c) ${ON_CONFLICT}
      $$`,
    )
    .execute(db);
  for (const source of SOURCES) {
    const t = source.table;
    const clientOf = (r: string) => `select d.client_id, d.practice_id from (${source.select(r)}) d`;
    await sql
      .raw(
        `create function ${t}_cdv() returns trigger language plpgsql as $$
        declare n record; o record; moved_from text;
        begin
          if tg_op <> 'DELETE' then
            for n in ${clientOf("new")} loop
              moved_from := n.client_id;
              perform client_data_bump(n.client_id, n.practice_id);
            end loop;
          end if;
          if tg_op <> 'INSERT' then
            -- The old row's client too, when it is not the one just bumped (a delete, or a row moved).
            for o in ${clientOf("old")} loop
              if o.client_id is distinct from moved_from then perform client_data_bump(o.client_id, o.practice_id); end if;
            end loop;
          end if;
          return null;
        end $$`,
      )
      .execute(db);
    const of = source.updateOf ? ` of ${source.updateOf.join(", ")}` : "";
    const events: [string, string | undefined][] = [
      ["insert", source.when?.("new")],
      ["delete", source.when?.("old")],
      [`update${of}`, source.when ? `${source.when("old")} or ${source.when("new")}` : undefined],
    ];
    for (const [event, when] of events) {
      await sql
        .raw(
          `create constraint trigger ${t}_cdv_${event.slice(0, 1)} after ${event} on ${t}
           deferrable initially deferred for each row${when ? ` when (${when})` : ""} execute function ${t}_cdv()`,
        )
        .execute(db);
    }
  }
}
