import { request } from "../api";
import type { SearchResponse, SearchResultView } from "../../search/schema";

export type SearchResult = SearchResultView;

export const searchApi = {
  search: (q: string) => request<SearchResponse>("GET", `/api/search?q=${encodeURIComponent(q)}`),
};
