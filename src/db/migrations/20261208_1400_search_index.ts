import { sql, type Kysely } from "kysely";
import type { DatabaseSchema } from "../schema.js";
import type { PalpableMigration } from "./types.js";
import { rebuildSearchIndex } from "../../search/indexer.js";

/**
 * The practice's search index over clients, complaints, session notes (findings, steps, SOAP) and
 * protocols: `search_document` holds one row per record with its text normalised into `terms`.
 * - SQLite: an FTS5 table over `terms` with `search_document` as its content, kept in step by
 *   triggers; `seq` is an INTEGER PRIMARY KEY so VACUUM (and backups made with VACUUM INTO) keep
 *   the rowids the index refers to.
 * - PostgreSQL: a stored generated tsvector over `terms` with a GIN index.
 * Both stem English words (FTS5's porter tokenizer, the 'english' text search configuration).
 * The index is then built for the records that exist.
 */
export const searchIndex: PalpableMigration = {
  async up(db, types) {
    let table = db.schema.createTable("search_document");
    if (types.dialect === "sqlite") {
      table = table.addColumn("seq", "integer", (c) => c.primaryKey()).addColumn("id", "text", (c) => c.notNull().unique());
    } else {
      table = table.addColumn("id", "text", (c) => c.primaryKey());
    }
    await table
      .addColumn("practice_id", "text", (c) => c.notNull().references("practice.id"))
      .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('client', 'complaint', 'session', 'protocol')`))
      .addColumn("record_id", "text", (c) => c.notNull())
      .addColumn("client_id", "text")
      .addColumn("title", "text", (c) => c.notNull())
      .addColumn("body", "text", (c) => c.notNull())
      .addColumn("terms", "text", (c) => c.notNull())
      .addColumn("entered_in_error", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("occurred_at", "text")
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("search_document_client_idx").on("search_document").columns(["practice_id", "client_id"]).execute();

    if (types.dialect === "sqlite") {
      await sql`create virtual table search_fts using fts5(
        terms, content='search_document', content_rowid='seq', tokenize='porter unicode61 remove_diacritics 2'
      )`.execute(db);
      await sql`create trigger search_document_ai after insert on search_document begin
        insert into search_fts(rowid, terms) values (new.seq, new.terms);
      end`.execute(db);
      await sql`create trigger search_document_ad after delete on search_document begin
        insert into search_fts(search_fts, rowid, terms) values ('delete', old.seq, old.terms);
      end`.execute(db);
      await sql`create trigger search_document_au after update on search_document begin
        insert into search_fts(search_fts, rowid, terms) values ('delete', old.seq, old.terms);
        insert into search_fts(rowid, terms) values (new.seq, new.terms);
      end`.execute(db);
    } else {
      await sql`alter table search_document
        add column terms_tsv tsvector generated always as (to_tsvector('english', terms)) stored`.execute(db);
      await sql`create index search_document_tsv_idx on search_document using gin (terms_tsv)`.execute(db);
    }

    await rebuildSearchIndex(db as unknown as Kysely<DatabaseSchema>);
  },
};
