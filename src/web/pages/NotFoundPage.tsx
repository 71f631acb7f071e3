import type { ReactNode } from "react";
import { useTitle } from "../components/useTitle";
import { Link } from "../router";

/** Shown for unknown paths and for records that do not exist or belong to another practice. */
export function NotFoundPage({ what }: { what?: string }): ReactNode {
  useTitle("Not found");
  return (
    <div className="not-found">
      <h1>Not found</h1>
      <p>{what ?? "There is no page at this address."} It may have been removed, or the link may be mistyped.</p>
      <Link to="/clients" className="button button--secondary">
        Go to clients
      </Link>
    </div>
  );
}
