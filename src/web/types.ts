/**
 * Shapes the web app receives from and sends to the JSON API. Responses are the server's own
 * types, imported as types only (nothing of the server is bundled); the server validates every
 * request again.
 */

import type { ClientSummaryView, ClientView, ConsentView } from "../clients/schema";
import type { PractitionerView } from "../practices/schema";

export type Role = PractitionerView["role"];

export interface Me {
  user: { id: string; name: string; email: string; twoFactorEnabled: boolean };
  practitioner: { id: string; role: Role; clinicalNotesGranted: boolean };
  practice: { id: string; name: string; timeZone: string; locale: string };
}

export type TeamMember = PractitionerView;
export type { InvitationResult, InvitationView } from "../practices/schema";
export type Client = ClientView;
export type ClientSummary = ClientSummaryView;
export type GoalEvent = NonNullable<ClientView["running"]["goalEvent"]>;
export type Injury = ClientView["injuries"][number];
export type Side = NonNullable<Injury["side"]>;
export type SelfCare = ClientView["selfCare"][number];
export type SelfCareMethod = SelfCare["method"];
export type SelfCareEffect = SelfCare["effect"];
export type Consent = ConsentView;
export type ConsentEvent = ConsentView["history"][number];

export interface ClientInput {
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  dateOfBirth: string | null;
  timeZone: string;
  /** Null follows the practice's locale. */
  locale: string | null;
  notes: string | null;
  running: { yearsRunning: number | null; weeklyKm: number | null; goalEvent: GoalEvent | null };
  injuries: Omit<Injury, "id">[];
  selfCare: Omit<SelfCare, "id">[];
}

export type ClientStatus = "active" | "archived" | "all";
export type ConsentKind = "checkin_messages" | "anonymised_case_reports";
