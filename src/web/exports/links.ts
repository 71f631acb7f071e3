/** Addresses of the export downloads; the browser fetches them with the session cookie. */

export const CSV_EXPORTS = [
  { kind: "sessions", label: "Sessions (CSV)" },
  { kind: "measures", label: "Measures (CSV)" },
  { kind: "checkins", label: "Check-ins (CSV)" },
  { kind: "activities", label: "Activities (CSV)" },
] as const;

export function clientFhirUrl(clientId: string): string {
  return `/api/clients/${encodeURIComponent(clientId)}/export/fhir`;
}

export function clientArchiveUrl(clientId: string): string {
  return `/api/clients/${encodeURIComponent(clientId)}/export`;
}

export function csvUrl(kind: (typeof CSV_EXPORTS)[number]["kind"], clientId?: string): string {
  const query = clientId === undefined ? "" : `?clientId=${encodeURIComponent(clientId)}`;
  return `/api/exports/${kind}.csv${query}`;
}
