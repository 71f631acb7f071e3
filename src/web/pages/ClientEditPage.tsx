import type { ReactNode } from "react";
import { ClientForm } from "../components/ClientForm";
import { clientToForm } from "../components/clientFormModel";
import { ErrorMessage, Loading } from "../components/Status";
import { useAsync } from "../components/useAsync";
import { useTitle } from "../components/useTitle";
import { fullName } from "../format";
import { Link, navigate } from "../router";
import { api, isNotFound } from "../api";
import { NotFoundPage } from "./NotFoundPage";

export function ClientEditPage({ id }: { id: string }): ReactNode {
  const { state, reload } = useAsync(() => api.client(id), id);
  const client = state.status === "ready" ? state.data.client : undefined;
  useTitle(client ? `Edit ${fullName(client)}` : "Edit client");
  const detailUrl = `/clients/${encodeURIComponent(id)}`;

  if (state.status === "error") {
    if (isNotFound(state.error)) return <NotFoundPage what="There is no client at this address." />;
    return <ErrorMessage message={state.message} onRetry={reload} />;
  }
  if (!client) return <Loading label="Loading client…" />;

  return (
    <>
      <Link to={detailUrl} className="back-link">
        ← {fullName(client)}
      </Link>
      <h1>Edit {fullName(client)}</h1>
      <ClientForm
        initial={clientToForm(client)}
        submitLabel="Save changes"
        cancelTo={detailUrl}
        onSubmit={async (input) => {
          await api.updateClient(id, client.version, input);
          navigate(detailUrl, { replace: true });
        }}
      />
    </>
  );
}
