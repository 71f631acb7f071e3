import type { Kysely } from "kysely";
import type { Dialect } from "../database.js";

/** Column types that differ between SQLite and PostgreSQL. */
export interface ColumnTypes {
  dialect: Dialect;
  /** Native instant, for better-auth's own tables only (our tables use ISO text). */
  authInstant: "text" | "timestamptz";
  /** Native boolean, for better-auth's own tables only (our tables use 0/1 integers). */
  authFlag: "integer" | "boolean";
  /** A 64-bit integer (e.g. milliseconds since the epoch). */
  bigint: "integer" | "bigint";
  /** A floating-point number. */
  real: "real" | "double precision";
}

export function columnTypes(dialect: Dialect): ColumnTypes {
  return dialect === "sqlite"
    ? { dialect, authInstant: "text", authFlag: "integer", bigint: "integer", real: "real" }
    : { dialect, authInstant: "timestamptz", authFlag: "boolean", bigint: "bigint", real: "double precision" };
}

/** A forward-only migration. Migrations never go down: a fix is a new migration. */
export interface PalpableMigration {
  up(db: Kysely<unknown>, types: ColumnTypes): Promise<void>;
}
