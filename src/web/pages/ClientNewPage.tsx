import type { ReactNode } from "react";
import { api } from "../api";
import { ClientForm } from "../components/ClientForm";
import { emptyClientForm } from "../components/clientFormModel";
import { useTitle } from "../components/useTitle";
import { Link, navigate } from "../router";
import { useMe } from "../session";

export function ClientNewPage(): ReactNode {
  useTitle("New client");
  const me = useMe();
  return (
    <>
      <Link to="/clients" className="back-link">
        ← Clients
      </Link>
      <h1>New client</h1>
      <ClientForm
        initial={emptyClientForm(me.practice.timeZone)}
        submitLabel="Add client"
        cancelTo="/clients"
        onSubmit={async (input) => {
          const { client } = await api.createClient(input);
          navigate(`/clients/${encodeURIComponent(client.id)}`, { replace: true });
        }}
      />
    </>
  );
}
