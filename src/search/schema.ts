import { z } from "zod";
import type { SearchKind } from "../db/tables/search.js";

export const searchQuery = z.strictObject({
  q: z
    .string({ message: "is needed: type what to look for" })
    .trim()
    .min(1, "is needed: type what to look for")
    .max(200, "must be at most 200 characters"),
  limit: z.coerce.number().int("must be a whole number").min(1, "must be at least 1").max(50, "must be at most 50").default(30),
});
export type SearchQuery = z.infer<typeof searchQuery>;

export interface SearchResultView {
  kind: SearchKind;
  id: string;
  /** Where the record is shown in the web app. */
  href: string;
  title: string;
  /** The client the record is about (null for a protocol). */
  client: { id: string; name: string; archived: boolean } | null;
  /** A session's start or a complaint's onset. */
  at: string | null;
  excerpt: string;
  /** A session note marked entered in error: found, listed last, shown struck through. */
  enteredInError: boolean;
}

export interface SearchResponse {
  query: string;
  results: SearchResultView[];
  /** False when the reader may not read clinical notes: only clients were searched. */
  clinical: boolean;
}
