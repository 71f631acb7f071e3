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

/** The tables whose rows can be named by a route's `:id` and that belong to one client. */
export type ClientOwnedResource = "activity" | "complaint" | "session" | "checkin" | "case_report" | "intake_submission";

export interface AuditedRoute {
  action: AuditAction;
  resourceType: string;
  /**
   * What the route's `:id` is: the client's id, the id of the resource itself (its client is
   * looked up), or absent. Creates take the new row's id from the response.
   */
  id: "client" | "resource" | "none";
  /** The client-owned table to look the client up in when `id` is "resource". */
  ownedBy?: ClientOwnedResource;
  /** A route parameter (besides `:id`) that names the client the request is about. */
  clientParam?: string;
  /** Route parameters (besides `:id`) that are safe to keep in the event's detail. */
  detailParams?: readonly string[];
  /**
   * "service": the service records the successful request itself (with counts); the middleware
   * records only refusals and failures.
   */
  recordedBy?: "service";
}

/** Route pattern ("METHOD /api/path") → what it records. */
export const AUDITED_ROUTES: Readonly<Record<string, AuditedRoute>> = {
  "GET /api/clients": { action: "read", resourceType: "client_list", id: "none" },
  "POST /api/clients": { action: "create", resourceType: "client", id: "none" },
  "GET /api/clients/:id": { action: "read", resourceType: "client", id: "client" },
  "PATCH /api/clients/:id": { action: "update", resourceType: "client", id: "client" },
  "POST /api/clients/:id/archive": { action: "archive", resourceType: "client", id: "client" },
  "POST /api/clients/:id/restore": { action: "restore", resourceType: "client", id: "client" },
  "POST /api/clients/:id/erase": { action: "erase", resourceType: "client", id: "client", recordedBy: "service" },
  "GET /api/clients/:id/export": { action: "export", resourceType: "client-archive", id: "client", recordedBy: "service" },
  "GET /api/clients/:id/export/fhir": { action: "export", resourceType: "client-fhir", id: "client", recordedBy: "service" },
  "PUT /api/clients/:id/consents/:kind": { action: "update", resourceType: "consent", id: "client", detailParams: ["kind"] },
  "POST /api/clients/:id/training/uploads": { action: "import", resourceType: "training_file", id: "client" },
  "GET /api/clients/:id/activities": { action: "read", resourceType: "activity_list", id: "client" },
  "GET /api/clients/:id/outcomes": { action: "read", resourceType: "running_outcomes", id: "client" },
  "GET /api/clients/:id/training/weeks": { action: "read", resourceType: "training_weeks", id: "client" },
  "GET /api/activities/:id": { action: "read", resourceType: "activity", id: "resource", ownedBy: "activity" },
  "PUT /api/activities/:id/sport": { action: "update", resourceType: "activity", id: "resource", ownedBy: "activity" },
  "GET /api/clients/:id/runs-link": { action: "read", resourceType: "runs_link", id: "client" },
  "POST /api/clients/:id/runs-link": { action: "new_link", resourceType: "runs_link", id: "client" },
  "DELETE /api/clients/:id/runs-link": { action: "cancel", resourceType: "runs_link", id: "client" },
  "GET /api/clients/:id/intake-link": { action: "read", resourceType: "intake_link", id: "client" },
  "POST /api/clients/:id/intake-link": { action: "new_link", resourceType: "intake_link", id: "client" },
  "DELETE /api/clients/:id/intake-link": { action: "cancel", resourceType: "intake_link", id: "client" },
  "GET /api/clients/:id/intakes": { action: "read", resourceType: "intake_list", id: "client" },
  "POST /api/intakes/:id/flags-review": {
    action: "review",
    resourceType: "intake",
    id: "resource",
    ownedBy: "intake_submission",
    recordedBy: "service",
  },
  "POST /api/intakes/:id/accept": {
    action: "accept",
    resourceType: "intake",
    id: "resource",
    ownedBy: "intake_submission",
    recordedBy: "service",
  },
  "GET /api/clients/:id/signed-consents": { action: "read", resourceType: "consent_signatures", id: "client" },
  "GET /api/clients/:id/profile-history": { action: "read", resourceType: "client_history", id: "client" },
  "GET /api/clients/:id/complaints": { action: "read", resourceType: "complaint_list", id: "client" },
  "POST /api/clients/:id/complaints": { action: "create", resourceType: "complaint", id: "client" },
  "PATCH /api/complaints/:id": { action: "update", resourceType: "complaint", id: "resource", ownedBy: "complaint" },
  "GET /api/clients/:id/sessions": { action: "read", resourceType: "session_list", id: "client" },
  "POST /api/clients/:id/sessions": { action: "create", resourceType: "session", id: "client" },
  "GET /api/sessions/:id": { action: "read", resourceType: "session", id: "resource", ownedBy: "session" },
  "PATCH /api/sessions/:id": { action: "update", resourceType: "session", id: "resource", ownedBy: "session" },
  "POST /api/sessions/:id/sign": { action: "sign", resourceType: "session", id: "resource", ownedBy: "session" },
  "POST /api/sessions/:id/amendments": { action: "amend", resourceType: "session", id: "resource", ownedBy: "session" },
  "POST /api/sessions/:id/entered-in-error": { action: "amend", resourceType: "session", id: "resource", ownedBy: "session" },
  "GET /api/sessions/:id/history": { action: "read", resourceType: "session_history", id: "resource", ownedBy: "session" },
  "GET /api/clients/:id/timeline": { action: "read", resourceType: "timeline", id: "client" },
  "POST /api/sessions/:id/checkins": { action: "schedule_checkins", resourceType: "session", id: "resource", ownedBy: "session" },
  "GET /api/clients/:id/checkins": { action: "read", resourceType: "checkin_list", id: "client" },
  "GET /api/checkins/due": { action: "read", resourceType: "due_checkins", id: "none" },
  "GET /api/search": { action: "read", resourceType: "search", id: "none" },
  "POST /api/checkins/:id/link": { action: "new_link", resourceType: "checkin", id: "resource", ownedBy: "checkin" },
  "POST /api/checkins/:id/send": { action: "send", resourceType: "checkin", id: "resource", ownedBy: "checkin" },
  "POST /api/checkins/:id/cancel": { action: "cancel", resourceType: "checkin", id: "resource", ownedBy: "checkin" },
  "POST /api/checkins/:id/reschedule": { action: "reschedule", resourceType: "checkin", id: "resource", ownedBy: "checkin" },
  "GET /api/outbox": { action: "read", resourceType: "outbox", id: "none" },
  "GET /api/clients/:id/case-reports": { action: "read", resourceType: "case_report_list", id: "client" },
  "POST /api/clients/:id/case-reports": { action: "create", resourceType: "case_report", id: "client" },
  "GET /api/case-reports/:id": { action: "read", resourceType: "case_report", id: "resource", ownedBy: "case_report" },
  "PUT /api/case-reports/:id": { action: "update", resourceType: "case_report", id: "resource", ownedBy: "case_report" },
  "GET /api/case-reports/:id/export.zip": {
    action: "export",
    resourceType: "case_report",
    id: "resource",
    ownedBy: "case_report",
    recordedBy: "service",
  },
  "GET /api/case-reports/:id/print": {
    action: "export",
    resourceType: "case_report",
    id: "resource",
    ownedBy: "case_report",
    recordedBy: "service",
  },
  "GET /api/patterns": { action: "read", resourceType: "patterns", id: "none" },
  "POST /api/experiments": { action: "create", resourceType: "experiment", id: "none" },
  "GET /api/experiments/:id": { action: "read", resourceType: "experiment", id: "resource" },
  "PUT /api/experiments/:id": { action: "update", resourceType: "experiment", id: "resource" },
  "POST /api/experiments/:id/start": { action: "start", resourceType: "experiment", id: "resource" },
  "POST /api/experiments/:id/amendments": { action: "amend", resourceType: "experiment", id: "resource" },
  "POST /api/experiments/:id/finish": { action: "finish", resourceType: "experiment", id: "resource" },
  "GET /api/experiments/:id/eligibility": { action: "read", resourceType: "experiment_eligibility", id: "resource" },
  "GET /api/experiments/:id/enrolments": { action: "read", resourceType: "experiment_enrolments", id: "resource" },
  "POST /api/experiments/:id/enrolments": { action: "enrol", resourceType: "experiment", id: "resource" },
  "POST /api/experiments/:id/enrolments/:clientId/withdraw": {
    action: "withdraw",
    resourceType: "experiment",
    id: "resource",
    clientParam: "clientId",
  },
  "GET /api/experiments/:id/results": { action: "read", resourceType: "experiment_results", id: "resource" },
  "POST /api/team": { action: "create", resourceType: "practitioner", id: "none" },
  "PATCH /api/team/:id": { action: "update", resourceType: "practitioner", id: "resource" },
};

/** Routes with an id that are deliberately not audited, and why. */
export const UNAUDITED_ROUTES: Readonly<Record<string, string>> = {
  "GET /api/protocols/:id": "a practice's treatment recipe: no client data",
  "PUT /api/protocols/:id": "a practice's treatment recipe: no client data",
  "GET /api/checkin-plans/:id": "a practice's questionnaire plan: no client data",
  "PUT /api/checkin-plans/:id": "a practice's questionnaire plan: no client data",
  "GET /api/questionnaires/:id": "a practice's own questionnaire: no client data",
  "PUT /api/questionnaires/:id": "a practice's own questionnaire: no client data",
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

/** User agents are kept short: enough to tell a browser from a script, not a fingerprint. */
export const USER_AGENT_MAX_LENGTH = 200;

export function truncateUserAgent(userAgent: string | undefined | null): string | null {
  if (!userAgent) return null;
  return userAgent.slice(0, USER_AGENT_MAX_LENGTH);
}
