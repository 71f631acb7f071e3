import type { Generated } from "kysely";

/** Raw training files and the activities computed from them. */

export interface TrainingFileTable {
  id: string;
  practice_id: string;
  client_id: string;
  /** SHA-256 of the file's bytes as uploaded (after unzipping, before gunzip): the blob key. */
  sha256: string;
  file_name: string;
  format: "fit" | "gpx" | "tcx";
  size_bytes: number;
  imported_at: string;
  warnings_json: string;
  /** The client's upload through the "send your runs" link that brought it; null when the practice uploaded it. */
  runs_upload_id: string | null;
}

export interface ActivityTable {
  id: string;
  practice_id: string;
  client_id: string;
  file_id: string;
  sport: string;
  sport_label: string | null;
  name: string | null;
  start_time: string;
  local_offset_minutes: number | null;
  elapsed_s: number;
  moving_s: number;
  distance_m: number;
  elevation_gain_m: number;
  elevation_loss_m: number;
  avg_pace_s_per_km: number | null;
  avg_cadence_spm: number | null;
  avg_heart_rate: number | null;
  labels_json: string;
  /** The labelling rules' version (analysis/thresholds.ts LABEL_VERSION) the labels come from. */
  label_version: number;
  summary_json: string;
  stream_json: string;
  analysed_at: string;
  /** 0 for the first leg of a file; several legs of one file share file_id (the recording). */
  leg_index: Generated<number>;
  /** file | inferred | practitioner */
  sport_source: Generated<string>;
  sport_evidence: string | null;
  /** A practitioner's correction of the sport, kept when the activity is recomputed. */
  sport_override: string | null;
  /** The richer recording of the same run from another device; this one is then not counted. */
  duplicate_of: string | null;
}

/** An activity's outcome features (training/outcomes/run-features.ts), written with its analysis. */
export interface ActivityOutcomeTable {
  activity_id: string;
  practice_id: string;
  features_json: string;
}

/** A client's "send your runs" link; only the token's SHA-256 is kept. */
export interface RunsLinkTable {
  id: string;
  practice_id: string;
  client_id: string;
  token_sha256: string;
  /** Null when the link was made for a check-in e-mail by the scheduler. */
  created_by: string | null;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}

/** One upload through a runs link: a resumable upload (a file or an export zip) or one form post. */
export interface RunsUploadTable {
  id: string;
  practice_id: string;
  client_id: string;
  link_id: string;
  file_name: string;
  size_bytes: number;
  received_at: string;
  /** receiving: bytes still arriving (counted against the quota); done: imported; failed: nothing imported. */
  status: "receiving" | "done" | "failed";
  /** The import's outcome per file, as the runner saw it. */
  results_json: string;
  removed_at: string | null;
}
