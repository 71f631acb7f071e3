/**
 * Clinical record shapes the web app receives from and sends to the API. Complaints, revisions and
 * regions are the server's own types (imported as types only, nothing of the server is bundled);
 * the rest are written from the API contract with narrower unions (grades 0–3, direction codes)
 * than the server's response interfaces declare.
 */
import type { AutomaticCheckinsView } from "../../checkins/auto-schedule";
import type { ComplaintView, ComplaintStatus as ServerComplaintStatus } from "../../clinical/complaints/schema";
import type { RevisionView } from "../../clinical/sessions/schema";
import type { BodyRegion } from "../../clinical/vocabulary/regions";
import type { WeekLoad } from "../training/types";

export type View = "front" | "back";
export type BodySide = "left" | "right";
export type StepSide = "left" | "right" | "both";
export type QualityCode = "tension" | "tenderness" | "texture" | "adhesion" | "temperature";
export type Intensity = "light" | "moderate" | "firm";
export type DirectionCode = "distal_to_proximal" | "proximal_to_distal" | "medial_to_lateral" | "lateral_to_medial" | "circular" | "static";
export type ComplaintStatus = ServerComplaintStatus;

export type Region = BodyRegion;

export interface Vocabulary {
  version: string;
  regions: readonly Region[];
  techniques: { code: string; name: string; custom: boolean }[];
  qualities: { code: QualityCode; name: string; help: string }[];
  grades: string[];
  textureDescriptors: string[];
  directions: { code: DirectionCode; name: string }[];
  intensities: Intensity[];
  triggerSuggestions: string[];
}

export interface ComplaintInput {
  title: string;
  side: StepSide | null;
  regions: string[];
  onsetOn: string | null;
  triggers: string[];
  status: ComplaintStatus;
  notes: string | null;
}

export type Complaint = ComplaintView;

export interface Step {
  technique: string;
  regionCode: string | null;
  side: StepSide | null;
  direction: DirectionCode | null;
  minutes: number | null;
  intensity: Intensity | null;
  note: string | null;
}

export interface ProtocolInput {
  name: string;
  description: string | null;
  steps: Step[];
  plannedSessions: number;
  spacingDays: number;
  /** The check-in plan scheduled when a session that applied the protocol is signed. */
  checkinPlanId?: string | null;
}

export interface ProtocolVersion {
  id: string;
  version: number;
  name: string;
  description: string | null;
  steps: Step[];
  plannedSessions: number;
  spacingDays: number;
  checkinPlanId: string | null;
  createdAt: string;
  createdBy: string;
}

export interface Protocol {
  id: string;
  name: string;
  current: ProtocolVersion;
  createdAt: string;
}

export type Grade = 0 | 1 | 2 | 3;
export type Qualities = Record<QualityCode, Grade | null>;

export interface FindingInput {
  regionCode: string;
  side: BodySide | null;
  qualities: Qualities;
  textureDescriptor: string | null;
  note: string | null;
}

export interface MeasurePair {
  pain: number | null;
  tightness: number | null;
}

export interface SessionInput {
  startedAt: string;
  complaintIds: string[];
  protocolVersionId: string | null;
  measures: { pre: MeasurePair; post: MeasurePair };
  findings: FindingInput[];
  steps: Step[];
  soap: { s: string | null; o: string | null; a: string | null; p: string | null };
  advice: string | null;
}

export interface Session extends Omit<SessionInput, "findings" | "steps"> {
  id: string;
  clientId: string;
  practitioner: { id: string; name: string };
  status: "draft" | "signed";
  signedAt: string | null;
  protocol: { id: string; name: string; version: number; versionId: string } | null;
  deviation: string[];
  findings: (FindingInput & { id: string })[];
  steps: (Step & { id: string })[];
  amendments: number;
  /** What signing did with the protocol's check-in plan; null when there was none. */
  automaticCheckins: AutomaticCheckinsView | null;
  createdAt: string;
  updatedAt: string;
}

export type Revision = RevisionView;

export type TimelineItem =
  | { kind: "session"; at: string; session: Session }
  | { kind: "complaint_onset"; at: string; complaint: Complaint }
  | { kind: "training_week"; at: string; week: WeekLoad };

export const QUALITY_CODES: readonly QualityCode[] = ["tension", "tenderness", "texture", "adhesion", "temperature"];
