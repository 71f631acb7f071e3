import { sql } from "kysely";
import type { PalpableMigration } from "./types.js";

/**
 * A consent event can be recorded by the client themself (the unsubscribe link in a check-in
 * e-mail): `recorded_by` becomes optional and `source` says who recorded it. SQLite cannot drop a
 * NOT NULL constraint, so there the table is rebuilt with its rows.
 */
export const consentByClientLink: PalpableMigration = {
  async up(db, t) {
    if (t.dialect === "postgres") {
      await sql`alter table client_consent_event alter column recorded_by drop not null`.execute(db);
      await sql`alter table client_consent_event add column source text not null default 'practitioner' check (source in ('practitioner', 'client_link'))`.execute(
        db,
      );
      return;
    }
    await sql`create table client_consent_event_next (
      id text primary key,
      practice_id text not null references practice(id),
      client_id text not null references client(id) on delete cascade,
      kind text not null check (kind in ('checkin_messages', 'anonymised_case_reports')),
      granted integer not null,
      effective_on text not null,
      recorded_at text not null,
      recorded_by text references practitioner(id),
      seq integer not null,
      source text not null default 'practitioner' check (source in ('practitioner', 'client_link'))
    )`.execute(db);
    await sql`insert into client_consent_event_next (id, practice_id, client_id, kind, granted, effective_on, recorded_at, recorded_by, seq)
      select id, practice_id, client_id, kind, granted, effective_on, recorded_at, recorded_by, seq from client_consent_event`.execute(db);
    await sql`drop table client_consent_event`.execute(db);
    await sql`alter table client_consent_event_next rename to client_consent_event`.execute(db);
    await db.schema
      .createIndex("client_consent_event_client_idx")
      .on("client_consent_event")
      .columns(["practice_id", "client_id", "kind", "seq"])
      .unique()
      .execute();
  },
};
