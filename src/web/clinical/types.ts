/**
 * Clinical record shapes the web app receives from and sends to the API: the server's own types,
 * imported as types only (nothing of the server is bundled), so the two cannot drift apart.
 */
import type { z } from "zod";
import type { ComplaintView, createComplaintRequest } from "../../clinical/complaints/schema";
import type { ProtocolVersionView, ProtocolView } from "../../clinical/protocols/schema";
import type { Finding, Grade as ServerGrade, SessionState, SessionView } from "../../clinical/sessions/schema";
import type { BodyRegion, QualityCode, Step as ServerStep } from "../../clinical/vocabulary/schema";

export type { ComplaintStatus } from "../../clinical/complaints/schema";
export type { MeasurePair } from "../../clinical/sessions/schema";
export type { RevisionView as Revision } from "../../clinical/sessions/schema";
export type { TimelineItem } from "../../clinical/timeline/schema";
export type { DirectionCode, Intensity, QualityCode, Vocabulary } from "../../clinical/vocabulary/schema";

export type Region = BodyRegion;
export type View = BodyRegion["view"];
export type Step = ServerStep;
export type StepSide = NonNullable<Step["side"]>;
export type Grade = ServerGrade;
export type BodySide = NonNullable<Finding["side"]>;

/** A complaint as the form sends it: every field, filled in or null. */
export type ComplaintInput = Required<z.input<typeof createComplaintRequest>>;
export type Complaint = ComplaintView;

/** A protocol's content as the form sends it; the server makes it the protocol's next version. */
export type ProtocolInput = Omit<ProtocolVersionView, "id" | "version" | "createdAt" | "createdBy">;
export type ProtocolVersion = ProtocolVersionView;
export type Protocol = ProtocolView;

export type FindingInput = Finding;
export type SessionInput = SessionState;
export type Session = SessionView;

export const QUALITY_CODES: readonly QualityCode[] = ["tension", "tenderness", "texture", "adhesion", "temperature"];
