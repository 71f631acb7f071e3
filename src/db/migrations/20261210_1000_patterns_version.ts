import { sql, type Kysely } from "kysely";
import type { PalpableMigration } from "./types.js";

/**
 * A second number per client, `patterns_version`, that moves only with what the patterns page
 * reads: runs (and run features) and signed sessions (and their findings). Check-in answers move
 * `version` alone, so answered check-ins, which arrive all day, no longer make the practice's
 * patterns compute again. The triggers of 20261210_1000_client_data_version are replaced by ones
 * that bump both numbers or `version` alone; on PostgreSQL they stay deferred to commit.
 * Existing rows start with `patterns_version` = `version` (any change so far may have been a run).
 */

interface Source {
  table: string;
  /** The client whose data changed, from the changed row `r` (new or old). */
  select: (r: string) => string;
  /** Whether the patterns read it. */
  patterns: boolean;
  /** Only changes of these columns matter on update (all when absent). */
  updateOf?: string[];
  /** Only rows for which this holds (of `r`). */
  when?: (r: string) => string;
}

const SOURCES: Source[] = [
  { table: "activity", patterns: true, select: (r) => `select ${r}.client_id as client_id, ${r}.practice_id as practice_id` },
  {
    table: "activity_outcome",
    patterns: true,
    select: (r) => `select a.client_id as client_id, a.practice_id as practice_id from activity a where a.id = ${r}.activity_id`,
  },
  {
    table: "treatment_session",
    patterns: true,
    select: (r) => `select ${r}.client_id as client_id, ${r}.practice_id as practice_id`,
    when: (r) => `${r}.status = 'signed'`,
  },
  {
    table: "session_finding",
    patterns: true,
    select: (r) =>
      `select s.client_id as client_id, s.practice_id as practice_id from treatment_session s where s.id = ${r}.session_id and s.status = 'signed'`,
  },
  {
    table: "checkin",
    patterns: false,
    select: (r) => `select ${r}.client_id as client_id, ${r}.practice_id as practice_id`,
    updateOf: ["answered_at", "session_id", "due_at", "client_id"],
    when: (r) => `${r}.answered_at is not null`,
  },
  {
    table: "checkin_answer",
    patterns: false,
    select: (r) => `select c.client_id as client_id, c.practice_id as practice_id from checkin c where c.id = ${r}.checkin_id`,
  },
];

const upsert = (patterns: string) =>
  `on conflict (client_id) do update set version = client_data_version.version + 1,
    patterns_version = client_data_version.patterns_version + ${patterns}`;
const INSERT = `insert into client_data_version (client_id, practice_id, version, patterns_version)`;

export const patternsVersion: PalpableMigration = {
  async up(db, types) {
    await db.schema
      .alterTable("client_data_version")
      .addColumn("patterns_version", types.bigint, (c) => c.notNull().defaultTo(0))
      .execute();
    await sql`update client_data_version set patterns_version = version`.execute(db);
    if (types.dialect === "sqlite") await sqliteTriggers(db);
    else await postgresTriggers(db);
  },
};

async function sqliteTriggers(db: Kysely<unknown>): Promise<void> {
  const bump = (r: string, source: Source, extra?: string) => {
    const p = source.patterns ? 1 : 0;
    return `${INSERT} select d.client_id, d.practice_id, 1, ${p} from (${source.select(r)}) d
      where exists (select 1 from client x where x.id = d.client_id)${extra ? ` and ${extra}` : ""} ${upsert(String(p))};`;
  };
  for (const source of SOURCES) {
    const t = source.table;
    for (const suffix of ["ai", "ad", "au"]) await sql.raw(`drop trigger if exists ${t}_cdv_${suffix}`).execute(db);
    const whenNew = source.when ? ` when ${source.when("new")}` : "";
    const whenOld = source.when ? ` when ${source.when("old")}` : "";
    await sql.raw(`create trigger ${t}_cdv_ai after insert on ${t}${whenNew} begin ${bump("new", source)} end`).execute(db);
    await sql.raw(`create trigger ${t}_cdv_ad after delete on ${t}${whenOld} begin ${bump("old", source)} end`).execute(db);
    const of = source.updateOf ? ` of ${source.updateOf.join(", ")}` : "";
    const whenEither = source.when ? ` when ${source.when("old")} or ${source.when("new")}` : "";
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

/**
 * PostgreSQL: the per-table functions are replaced; the deferred constraint triggers that call them
 * stay. A transaction moves each number of a client once, however many of the client's rows it
 * changes (`bumped_in`, `patterns_bumped_in`: the transaction that last moved them): every change
 * of a transaction becomes visible at its commit, so one step per commit is enough, and an import
 * of a thousand rows leaves one new row version, not a thousand dead ones.
 */
async function postgresTriggers(db: Kysely<unknown>): Promise<void> {
  await sql`alter table client_data_version add column bumped_in xid8, add column patterns_bumped_in xid8`.execute(db);
  await sql
    .raw(
      `create function client_data_bump(c text, p text, patterns integer) returns void language sql as $$
        insert into client_data_version as v (client_id, practice_id, version, patterns_version, bumped_in, patterns_bumped_in)
        select c, p, 1, patterns, pg_current_xact_id(), case when patterns = 1 then pg_current_xact_id() end
        where c is not null and exists (select 1 from client x where x.id = c)
        on conflict (client_id) do update set
          version = case when v.bumped_in is distinct from pg_current_xact_id() then v.version + 1 else v.version end,
          patterns_version = case when patterns = 1 and v.patterns_bumped_in is distinct from pg_current_xact_id()
            then v.patterns_version + 1 else v.patterns_version end,
          bumped_in = pg_current_xact_id(),
          patterns_bumped_in = case when patterns = 1 then pg_current_xact_id() else v.patterns_bumped_in end
        where v.bumped_in is distinct from pg_current_xact_id()
          or (patterns = 1 and v.patterns_bumped_in is distinct from pg_current_xact_id())
      $$`,
    )
    .execute(db);
  for (const source of SOURCES) {
    const t = source.table;
    const p = source.patterns ? 1 : 0;
    const clientOf = (r: string) => `select d.client_id, d.practice_id from (${source.select(r)}) d`;
    await sql
      .raw(
        `create or replace function ${t}_cdv() returns trigger language plpgsql as $$
        declare n record; o record; moved_from text;
        begin
          if tg_op <> 'DELETE' then
            for n in ${clientOf("new")} loop
              moved_from := n.client_id;
              perform client_data_bump(n.client_id, n.practice_id, ${p});
            end loop;
          end if;
          if tg_op <> 'INSERT' then
            for o in ${clientOf("old")} loop
              if o.client_id is distinct from moved_from then perform client_data_bump(o.client_id, o.practice_id, ${p}); end if;
            end loop;
          end if;
          return null;
        end $$`,
      )
      .execute(db);
  }
  await sql.raw(`drop function client_data_bump(text, text)`).execute(db);
}
