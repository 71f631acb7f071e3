/**
 * Shapes the web app receives from and sends to the JSON API. They mirror the server's response
 * schemas; the server stays the source of truth and validates every request again.
 */

export type Role = "owner" | "therapist" | "assistant";

export interface Me {
  user: { id: string; name: string; email: string; twoFactorEnabled: boolean };
  practitioner: { id: string; role: Role };
  practice: { id: string; name: string; timeZone: string };
}

export interface TeamMember {
  id: string;
  userId: string;
  name: string;
  email: string;
  role: Role;
  twoFactorEnabled: boolean;
  createdAt: string;
}

export interface GoalEvent {
  name: string;
  date: string | null;
  distanceKm: number | null;
}

export type Side = "left" | "right" | "both";

export interface Injury {
  id: string;
  description: string;
  region: string | null;
  side: Side | null;
  /** "YYYY", "YYYY-MM" or "YYYY-MM-DD" */
  occurredOn: string | null;
  resolved: boolean;
  notes: string | null;
}

export type SelfCareMethod = "rolling" | "stretching" | "percussion" | "other";
export type SelfCareEffect = "helped" | "no_change" | "worse" | "unsure";

export interface SelfCare {
  id: string;
  method: SelfCareMethod;
  detail: string | null;
  effect: SelfCareEffect;
  notes: string | null;
}

export interface ConsentEvent {
  granted: boolean;
  on: string;
  recordedAt: string;
  /** Practitioner name */
  recordedBy: string;
}

export interface Consent {
  granted: boolean;
  on: string | null;
  history: ConsentEvent[];
}

export interface Client {
  id: string;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  dateOfBirth: string | null;
  timeZone: string;
  notes: string | null;
  running: { yearsRunning: number | null; weeklyKm: number | null; goalEvent: GoalEvent | null };
  injuries: Injury[];
  selfCare: SelfCare[];
  consents: { checkinMessages: Consent; anonymisedCaseReports: Consent };
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ClientSummary {
  id: string;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  weeklyKm: number | null;
  goalEvent: GoalEvent | null;
  archivedAt: string | null;
  updatedAt: string;
}

export interface ClientInput {
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  dateOfBirth: string | null;
  timeZone: string;
  notes: string | null;
  running: { yearsRunning: number | null; weeklyKm: number | null; goalEvent: GoalEvent | null };
  injuries: Omit<Injury, "id">[];
  selfCare: Omit<SelfCare, "id">[];
}

export type ClientStatus = "active" | "archived" | "all";
export type ConsentKind = "checkin_messages" | "anonymised_case_reports";
