/**
 * Training shapes the web app receives from the JSON API: the server's own types, imported as
 * types only (nothing of the server is bundled), so the two cannot drift apart.
 */
import type { ActivityDetailView } from "../../training/views";

export type { ActivityLabel, ChartStream, LabelKind, LabelSegment, RunningDynamics, WeekLoad } from "../../training/analysis/types";
export type { ActivityListItem } from "../../training/views";
export type { FileOutcome, ImportReport } from "../../training/service";
export type { RejectionReason } from "../../training/import/rejection";

export type ActivityDetail = ActivityDetailView;
export type ActivitySummary = ActivityDetailView["summary"];
