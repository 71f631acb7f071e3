/** The practice's search index: one row per searchable record, kept by the services as they write. */

export type SearchKind = "client" | "complaint" | "session" | "protocol";

export interface SearchDocumentTable {
  /** `<kind>:<record id>`. */
  id: string;
  practice_id: string;
  kind: SearchKind;
  record_id: string;
  /** The client the record is about; null for a protocol. */
  client_id: string | null;
  /** What a result is called (a name, a complaint's title, a session's regions, a protocol's name). */
  title: string;
  /** The record's text as written, for the excerpt under a result. */
  body: string;
  /** Title, body and the client's name, lower-cased and without accents: what the full-text index reads. */
  terms: string;
  /** 1 for a session note marked entered in error: still found, shown struck through, listed last. */
  entered_in_error: number;
  /** When it happened (a session's start, a complaint's onset), if it has a date. */
  occurred_at: string | null;
  updated_at: string;
}
