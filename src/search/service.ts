import type { Database } from "../db/database.js";
import type { SearchKind } from "../db/tables/search.js";
import { can } from "../shared/policy.js";
import type { Actor } from "../shared/scope.js";
import { excerpt, parseSearchQuery } from "./query.js";
import * as repo from "./repository.js";
import type { SearchQuery, SearchResponse, SearchResultView } from "./schema.js";

const CLINICAL_KINDS: readonly SearchKind[] = ["client", "complaint", "session", "protocol"];
const SCHEDULE_KINDS: readonly SearchKind[] = ["client"];

/**
 * Searches the practice's clients, complaints, session notes and protocols. A reader who may not
 * read clinical notes (an assistant without the grant) searches clients only.
 */
export async function search(deps: { database: Database }, actor: Actor, input: SearchQuery): Promise<SearchResponse> {
  const clinical = can(actor, "clinical.read");
  const parsed = parseSearchQuery(input.q);
  const kinds = clinical ? CLINICAL_KINDS : SCHEDULE_KINDS;
  const { dialect, db } = deps.database;
  const query: repo.SearchExpression | null =
    dialect === "sqlite"
      ? parsed.fts5 === null
        ? null
        : { dialect, fts5: parsed.fts5 }
      : { dialect, websearch: parsed.websearch, prefix: parsed.prefix };
  const hits = query === null || parsed.terms.length === 0 ? [] : await repo.searchDocuments(db, actor, query, kinds, input.limit);
  return { query: input.q, clinical, results: hits.map((hit) => toResult(hit, parsed.terms)) };
}

function href(hit: repo.SearchHit): string {
  const client = `/clients/${encodeURIComponent(hit.client_id ?? "")}`;
  switch (hit.kind) {
    case "client":
      return client;
    case "complaint":
      return `${client}/timeline`;
    case "session":
      return `${client}/sessions/${encodeURIComponent(hit.record_id)}`;
    case "protocol":
      return `/protocols?id=${encodeURIComponent(hit.record_id)}`;
  }
}

function toResult(hit: repo.SearchHit, terms: string[]): SearchResultView {
  return {
    kind: hit.kind,
    id: hit.record_id,
    href: href(hit),
    title: hit.title,
    client:
      hit.client_id === null || hit.first_name === null
        ? null
        : { id: hit.client_id, name: `${hit.first_name} ${hit.last_name ?? ""}`.trim(), archived: hit.archived_at !== null },
    at: hit.occurred_at,
    excerpt: excerpt(hit.body, terms),
    enteredInError: Number(hit.entered_in_error) === 1,
  };
}
