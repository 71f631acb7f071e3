/**
 * Training shapes the web app receives from the JSON API: the server's own types, imported as
 * types only (nothing of the server is bundled), so the two cannot drift apart.
 */
import type { ActivityDetailView } from "../../training/schema";

export type {
  ActivityLabel,
  ActivityListItem,
  ChartStream,
  FileOutcome,
  ImportReport,
  LabelKind,
  LabelSegment,
  RejectionReason,
  RunningDynamics,
  WeekLoad,
} from "../../training/schema";

export type ActivityDetail = ActivityDetailView;
export type ActivitySummary = ActivityDetailView["summary"];
