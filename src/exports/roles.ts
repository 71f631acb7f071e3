/**
 * Who may export what. No dependencies, so the web app can import it without pulling the
 * server's validation code into its bundle.
 */

/** Roles that may download the practice-wide CSVs (every client's records in one file); one client's export is open to all. */
export const PRACTICE_EXPORT_ROLES = ["owner", "therapist"] as const;

export function mayExportPractice(role: "owner" | "therapist" | "assistant"): boolean {
  return (PRACTICE_EXPORT_ROLES as readonly string[]).includes(role);
}
