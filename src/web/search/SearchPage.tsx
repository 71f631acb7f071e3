import { useEffect, useState, type ReactNode } from "react";
import { ErrorMessage, Loading } from "../components/Status";
import { useAsync } from "../components/useAsync";
import { useTitle } from "../components/useTitle";
import { formatDateOf } from "../format";
import { Link, navigate, useLocation } from "../router";
import { useMe } from "../session";
import { searchApi, type SearchResult } from "./api";

const SEARCH_DEBOUNCE_MS = 300;

const KIND_LABELS: Record<SearchResult["kind"], string> = {
  client: "Client",
  complaint: "Complaint",
  session: "Session note",
  protocol: "Protocol",
};

function searchUrl(q: string): string {
  return q ? `/search?q=${encodeURIComponent(q)}` : "/search";
}

/** `/search?q=`: clients, complaints, session notes and protocols of the practice. */
export function SearchPage(): ReactNode {
  useTitle("Search");
  const { search } = useLocation();
  const q = (search.get("q") ?? "").trim();
  const [typed, setTyped] = useState(q);
  const [lastUrlQuery, setLastUrlQuery] = useState(q);
  if (q !== lastUrlQuery) {
    setLastUrlQuery(q);
    if (typed.trim() !== q) setTyped(q);
  }
  useEffect(() => {
    if (typed.trim() === q) return;
    const timer = window.setTimeout(() => navigate(searchUrl(typed.trim()), { replace: true }), SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [typed, q]);

  const { state, reload } = useAsync(() => (q ? searchApi.search(q) : Promise.resolve(null)), q);

  return (
    <>
      <div className="page-header">
        <h1>Search</h1>
      </div>
      <form
        className="toolbar"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          navigate(searchUrl(typed.trim()), { replace: true });
        }}
      >
        <div className="field toolbar__search">
          <label htmlFor="practice-search">Search clients, complaints, notes and protocols</label>
          <input
            id="practice-search"
            type="search"
            value={typed}
            placeholder="e.g. rectus femoris, hill repeats, Maya"
            autoComplete="off"
            onChange={(event) => setTyped(event.target.value)}
          />
        </div>
      </form>
      <p className="muted search__help">
        Every word must appear; the last may be the start of a word (“hams” finds hamstring). Use “quotes” for a phrase, <em>or</em> between
        alternatives, and -word to leave a word out.
      </p>
      {state.status === "error" ? <ErrorMessage message={state.message} onRetry={reload} /> : null}
      {state.data ? <Results results={state.data.results} q={q} clinical={state.data.clinical} /> : null}
      {state.status === "loading" && !state.data && q ? <Loading label="Searching…" /> : null}
    </>
  );
}

function Results({ results, q, clinical }: { results: SearchResult[]; q: string; clinical: boolean }): ReactNode {
  const me = useMe();
  if (results.length === 0) {
    return (
      <p className="empty" aria-live="polite">
        Nothing found for “{q}”.{clinical ? "" : " Only clients are searched: clinical notes are not open to your role."}
      </p>
    );
  }
  return (
    <>
      <p className="muted table-count" aria-live="polite">
        {results.length === 1 ? "1 result" : `${results.length} results`}
      </p>
      <ol className="search-results">
        {results.map((result) => (
          <li key={`${result.kind}:${result.id}`} className={`search-result${result.enteredInError ? " search-result--error" : ""}`}>
            <div className="search-result__head">
              <span className="badge badge--muted">{KIND_LABELS[result.kind]}</span>
              <Link to={result.href} className="search-result__title">
                {result.enteredInError ? <s>{result.title}</s> : result.title}
              </Link>
              {result.enteredInError ? <span className="badge badge--danger">Entered in error</span> : null}
            </div>
            <p className="muted search-result__meta">
              {[
                result.client && result.kind !== "client" ? result.client.name : null,
                result.client?.archived ? "archived" : null,
                result.at ? formatDateOf(result.at, me.practice.timeZone) : null,
              ]
                .filter(Boolean)
                .join(" · ")}
            </p>
            {result.excerpt ? <p className="search-result__excerpt">{result.excerpt}</p> : null}
          </li>
        ))}
      </ol>
    </>
  );
}
