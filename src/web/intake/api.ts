import { request } from "../api";

/** The answers of a submitted intake (intake/form.ts IntakeAnswers). */
export interface IntakeAnswers {
  contact: { firstName: string; lastName: string; email: string | null; phone: string | null; dateOfBirth: string | null };
  running: {
    yearsRunning: number | null;
    weeklyKm: number | null;
    races: string | null;
    goalEvent: { name: string; date: string | null; distanceKm: number | null } | null;
  };
  injuries: { description: string; occurredOn: string | null; current: boolean }[];
  selfCare: { method: string; effect: string; detail: string | null }[];
  redFlagDetails: string | null;
}

export interface Intake {
  id: string;
  submittedAt: string;
  answers: IntakeAnswers;
  redFlags: { code: string; question: string; label: string; answer: "yes" | "no" }[];
  redFlagsBasis: string;
  positiveFlags: number;
  flagsReview: { at: string; by: { id: string; name: string } } | null;
  accepted: { at: string; by: { id: string; name: string } } | null;
}

export type SignedConsentKind = "treatment" | "data_processing" | "case_reports";

export interface Signature {
  id: string;
  signedAt: string;
  signedName: string;
  ip: string | null;
  text: { version: number; sha256: string; body: string | null };
  consents: { kind: SignedConsentKind; given: boolean; withdrawnAt: string | null }[];
}

export interface ConsentText {
  id: string;
  version: number;
  body: string;
  sha256: string;
  createdAt: string;
}

export interface ProfileRevision {
  seq: number;
  source: "earlier" | "intake" | "edit";
  changedAt: string;
  changedBy: { id: string; name: string } | null;
  changedFields: string[];
}

const client = (id: string) => `/api/clients/${encodeURIComponent(id)}`;

export const intakeApi = {
  linkStatus: (clientId: string) =>
    request<{ activeLinks: { createdAt: string; expiresAt: string }[]; consentTextReady: boolean }>(
      "GET",
      `${client(clientId)}/intake-link`,
    ),
  /** A new link: shown now only (for the QR code), or e-mailed to the client. */
  newLink: (clientId: string, delivery: "show" | "email") =>
    request<{ url?: string; sentTo?: string; expiresAt: string }>("POST", `${client(clientId)}/intake-link`, { delivery }),
  revoke: (clientId: string) => request<{ revoked: number }>("DELETE", `${client(clientId)}/intake-link`),
  intakes: (clientId: string) => request<{ intakes: Intake[] }>("GET", `${client(clientId)}/intakes`),
  reviewFlags: (id: string) => request<{ intake: Intake }>("POST", `/api/intakes/${encodeURIComponent(id)}/flags-review`, {}),
  accept: (id: string) => request<{ intake: Intake }>("POST", `/api/intakes/${encodeURIComponent(id)}/accept`, {}),
  signatures: (clientId: string) => request<{ signatures: Signature[] }>("GET", `${client(clientId)}/signed-consents`),
  history: (clientId: string) => request<{ revisions: ProfileRevision[] }>("GET", `${client(clientId)}/profile-history`),
  consentText: () => request<{ current: ConsentText | null; versions: ConsentText[]; suggested: string }>("GET", "/api/consent-text"),
  saveConsentText: (body: string, basedOn: number) => request<{ consentText: ConsentText }>("PUT", "/api/consent-text", { body, basedOn }),
};
