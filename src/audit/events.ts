/**
 * Which API requests become audit events, by route pattern. Every /api route that takes an id is
 * listed here, either with what it records or with the reason it records nothing; a test fails
 * when a new route with an id is in neither list.
 */

/** What a recorded request did. */
export type AuditAction =
  | "read"
  | "create"
  | "update"
  | "delete"
  | "archive"
  | "restore"
  | "import"
  | "sign"
  | "amend"
  | "schedule_checkins"
  | "new_link"
  | "send"
  | "cancel"
  | "reschedule"
  | "start"
  | "finish"
  | "enrol"
  | "withdraw"
  | "export"
  | "erase"
  | "sign_in"
  | "sign_out"
  | "submit_checkin"
  | "unsubscribe"
  | "submit_intake"
  | "review"
  | "accept";

export interface AuditedRoute {
  action: AuditAction;
  resourceType: string;
  /**
   * The route's `:id` names the resource itself. A refused or failed request records it as the
   * resource id (its handler may not have run, so it declared nothing); a successful one records
   * what its handler declared (audit/declare.ts).
   */
  idIsResource?: true;
  /** Route parameters (besides `:id`) kept in a refused request's detail; a handler declares its own. */
  detailParams?: readonly string[];
}

/** Route pattern ("METHOD /api/path") → what it records. */
export const AUDITED_ROUTES: Readonly<Record<string, AuditedRoute>> = {
  "GET /api/clients": { action: "read", resourceType: "client_list" },
  "POST /api/clients": { action: "create", resourceType: "client" },
  "GET /api/clients/:id": { action: "read", resourceType: "client", idIsResource: true },
  "PATCH /api/clients/:id": { action: "update", resourceType: "client", idIsResource: true },
  "POST /api/clients/:id/archive": { action: "archive", resourceType: "client", idIsResource: true },
  "POST /api/clients/:id/restore": { action: "restore", resourceType: "client", idIsResource: true },
  "POST /api/clients/:id/erase": { action: "erase", resourceType: "client", idIsResource: true },
  "GET /api/clients/:id/export": { action: "export", resourceType: "client-archive" },
  "GET /api/clients/:id/export/fhir": { action: "export", resourceType: "client-fhir" },
  "GET /api/exports/sessions.csv": { action: "export", resourceType: "csv-sessions" },
  "GET /api/exports/measures.csv": { action: "export", resourceType: "csv-measures" },
  "GET /api/exports/checkins.csv": { action: "export", resourceType: "csv-checkins" },
  "GET /api/exports/activities.csv": { action: "export", resourceType: "csv-activities" },
  "PUT /api/clients/:id/consents/:kind": { action: "update", resourceType: "consent", detailParams: ["kind"] },
  "POST /api/clients/:id/training/uploads": { action: "import", resourceType: "training_file" },
  "GET /api/clients/:id/activities": { action: "read", resourceType: "activity_list" },
  "GET /api/clients/:id/outcomes": { action: "read", resourceType: "running_outcomes" },
  "GET /api/clients/:id/training/weeks": { action: "read", resourceType: "training_weeks" },
  "GET /api/activities/:id": { action: "read", resourceType: "activity", idIsResource: true },
  "PUT /api/activities/:id/sport": { action: "update", resourceType: "activity", idIsResource: true },
  "GET /api/clients/:id/runs-link": { action: "read", resourceType: "runs_link" },
  "POST /api/clients/:id/runs-link": { action: "new_link", resourceType: "runs_link" },
  "DELETE /api/clients/:id/runs-link": { action: "cancel", resourceType: "runs_link" },
  "GET /api/clients/:id/intake-link": { action: "read", resourceType: "intake_link" },
  "POST /api/clients/:id/intake-link": { action: "new_link", resourceType: "intake_link" },
  "DELETE /api/clients/:id/intake-link": { action: "cancel", resourceType: "intake_link" },
  "GET /api/clients/:id/intakes": { action: "read", resourceType: "intake_list" },
  "POST /api/intakes/:id/flags-review": { action: "review", resourceType: "intake", idIsResource: true },
  "POST /api/intakes/:id/accept": { action: "accept", resourceType: "intake", idIsResource: true },
  "GET /api/clients/:id/signed-consents": { action: "read", resourceType: "consent_signatures" },
  "GET /api/clients/:id/profile-history": { action: "read", resourceType: "client_history" },
  "GET /api/clients/:id/complaints": { action: "read", resourceType: "complaint_list" },
  "POST /api/clients/:id/complaints": { action: "create", resourceType: "complaint" },
  "PATCH /api/complaints/:id": { action: "update", resourceType: "complaint", idIsResource: true },
  "GET /api/clients/:id/sessions": { action: "read", resourceType: "session_list" },
  "POST /api/clients/:id/sessions": { action: "create", resourceType: "session" },
  "GET /api/sessions/:id": { action: "read", resourceType: "session", idIsResource: true },
  "PATCH /api/sessions/:id": { action: "update", resourceType: "session", idIsResource: true },
  "POST /api/sessions/:id/sign": { action: "sign", resourceType: "session", idIsResource: true },
  "POST /api/sessions/:id/amendments": { action: "amend", resourceType: "session", idIsResource: true },
  "POST /api/sessions/:id/entered-in-error": { action: "amend", resourceType: "session", idIsResource: true },
  "GET /api/sessions/:id/history": { action: "read", resourceType: "session_history", idIsResource: true },
  "GET /api/clients/:id/timeline": { action: "read", resourceType: "timeline" },
  "POST /api/sessions/:id/checkins": { action: "schedule_checkins", resourceType: "session", idIsResource: true },
  "GET /api/clients/:id/checkins": { action: "read", resourceType: "checkin_list" },
  "GET /api/checkins/due": { action: "read", resourceType: "due_checkins" },
  "GET /api/search": { action: "read", resourceType: "search" },
  "POST /api/checkins/:id/link": { action: "new_link", resourceType: "checkin", idIsResource: true },
  "POST /api/checkins/:id/send": { action: "send", resourceType: "checkin", idIsResource: true },
  "POST /api/checkins/:id/cancel": { action: "cancel", resourceType: "checkin", idIsResource: true },
  "POST /api/checkins/:id/reschedule": { action: "reschedule", resourceType: "checkin", idIsResource: true },
  "GET /api/outbox": { action: "read", resourceType: "outbox" },
  "GET /api/clients/:id/case-reports": { action: "read", resourceType: "case_report_list" },
  "POST /api/clients/:id/case-reports": { action: "create", resourceType: "case_report" },
  "GET /api/case-reports/:id": { action: "read", resourceType: "case_report", idIsResource: true },
  "PUT /api/case-reports/:id": { action: "update", resourceType: "case_report", idIsResource: true },
  "GET /api/case-reports/:id/export.zip": { action: "export", resourceType: "case_report", idIsResource: true },
  "GET /api/case-reports/:id/print": { action: "export", resourceType: "case_report", idIsResource: true },
  "GET /api/patterns": { action: "read", resourceType: "patterns" },
  "POST /api/experiments": { action: "create", resourceType: "experiment" },
  "GET /api/experiments/:id": { action: "read", resourceType: "experiment", idIsResource: true },
  "PUT /api/experiments/:id": { action: "update", resourceType: "experiment", idIsResource: true },
  "POST /api/experiments/:id/start": { action: "start", resourceType: "experiment", idIsResource: true },
  "POST /api/experiments/:id/amendments": { action: "amend", resourceType: "experiment", idIsResource: true },
  "POST /api/experiments/:id/finish": { action: "finish", resourceType: "experiment", idIsResource: true },
  "GET /api/experiments/:id/eligibility": { action: "read", resourceType: "experiment_eligibility", idIsResource: true },
  "GET /api/experiments/:id/enrolments": { action: "read", resourceType: "experiment_enrolments", idIsResource: true },
  "POST /api/experiments/:id/enrolments": { action: "enrol", resourceType: "experiment", idIsResource: true },
  "POST /api/experiments/:id/enrolments/:clientId/withdraw": { action: "withdraw", resourceType: "experiment", idIsResource: true },
  "GET /api/experiments/:id/results": { action: "read", resourceType: "experiment_results", idIsResource: true },
  "POST /api/team": { action: "create", resourceType: "practitioner" },
  "PATCH /api/team/:id": { action: "update", resourceType: "practitioner", idIsResource: true },
};

/**
 * The client's link-page posts that are recorded (route pattern → what), as the client's own act;
 * the handler declares the practice its token opened and what it touched.
 */
export const AUDITED_LINK_ROUTES: Readonly<Record<string, { action: AuditAction; resourceType: string }>> = {
  "/c/:token": { action: "submit_checkin", resourceType: "checkin" },
  "/c/unsubscribe/:token": { action: "unsubscribe", resourceType: "consent" },
};

/** Routes of the route policy that are deliberately not audited, and why. */
export const UNAUDITED_ROUTES: Readonly<Record<string, string>> = {
  "GET /api/me": "the practitioner's own account and practice",
  "GET /api/vocabulary": "the body-region and technique vocabulary: no client data",
  "GET /api/case-report-print.css": "a stylesheet",
  "PATCH /api/practice": "the practice's settings: no client data",
  "GET /api/team": "the practice's members: no client data",
  "GET /api/consent-text": "the practice's consent text: no client data",
  "PUT /api/consent-text": "the practice's consent text: no client data",
  "GET /api/protocols": "the practice's treatment recipes: no client data",
  "POST /api/protocols": "a practice's treatment recipe: no client data",
  "GET /api/protocols/:id": "a practice's treatment recipe: no client data",
  "PUT /api/protocols/:id": "a practice's treatment recipe: no client data",
  "POST /api/techniques": "the practice's own technique names: no client data",
  "GET /api/recent-steps": "the practice's recently used technique steps, without sessions or clients",
  "GET /api/checkin-plans": "the practice's questionnaire plans: no client data",
  "POST /api/checkin-plans": "a practice's questionnaire plan: no client data",
  "GET /api/checkin-plans/:id": "a practice's questionnaire plan: no client data",
  "PUT /api/checkin-plans/:id": "a practice's questionnaire plan: no client data",
  "GET /api/questionnaires": "the practice's own questionnaires: no client data",
  "POST /api/questionnaires": "a practice's own questionnaire: no client data",
  "GET /api/questionnaires/:id": "a practice's own questionnaire: no client data",
  "PUT /api/questionnaires/:id": "a practice's own questionnaire: no client data",
  "PUT /api/uwri-wording": "the practice's wording of a questionnaire: no client data",
  "GET /api/drafts": "the practitioner's own unsaved form, seen by no one else; saving it is audited",
  "PUT /api/drafts": "the practitioner's own unsaved form, seen by no one else; saving it is audited",
  "DELETE /api/drafts": "the practitioner's own unsaved form, seen by no one else",
  "GET /api/experiments": "the practice's experiment plans and counts: no client's record",
  "GET /api/audit": "the audit log itself",
};

/** How the route's answer went, in words the log keeps. */
export type AuditOutcome = "success" | "denied" | "not_found" | "rejected" | "failure";

export function outcomeOfStatus(status: number): AuditOutcome {
  if (status < 400) return "success";
  if (status === 401 || status === 403) return "denied";
  if (status === 404) return "not_found";
  if (status < 500) return "rejected";
  return "failure";
}

/** Finds the audit rule for a request by its method and matched route pattern. */
export function auditedRoute(method: string, routePath: string): AuditedRoute | undefined {
  return AUDITED_ROUTES[`${method.toUpperCase()} ${routePath}`];
}

/** Where a request came from, as the audit log keeps it (capture.ts `requestOrigin`). */
export interface RequestOrigin {
  ip: string | null;
  userAgent: string | null;
}

/** User agents are kept short: enough to tell a browser from a script, not a fingerprint. */
export const USER_AGENT_MAX_LENGTH = 200;

export function truncateUserAgent(userAgent: string | undefined | null): string | null {
  if (!userAgent) return null;
  return userAgent.slice(0, USER_AGENT_MAX_LENGTH);
}
