/** Import outcomes said the way a runner reads them on the link's page. */

export interface PlainOutcome {
  file: string;
  kind: "received" | "already_had" | "not_used";
  sentence: string;
}

/** Rejection messages start with the technical detail the practice sees; the runner gets plain words. */
const PLAIN_REJECTIONS: Record<string, string> = {
  not_an_activity: "this file holds no activity (it may be settings or a planned course)",
  corrupt: "this file is damaged and could not be read",
  corrupt_header: "this file is damaged and could not be read",
  unsupported_format: "this is not a FIT, GPX or TCX file from a watch or app",
  too_large: "this file is larger than any activity file should be",
  zip_bomb: "this zip unpacks to far more than any export, so it was not opened",
  path_traversal: "this file inside the zip has an unsafe name, so it was skipped",
  empty: "this file is empty",
};

export function plainOutcome(result: {
  file: string;
  status: "imported" | "duplicate" | "rejected";
  message?: string;
  reason?: string;
}): PlainOutcome {
  switch (result.status) {
    case "imported":
      return { file: result.file, kind: "received", sentence: "received" };
    case "duplicate":
      return { file: result.file, kind: "already_had", sentence: "already received earlier, so skipped" };
    case "rejected":
      return {
        file: result.file,
        kind: "not_used",
        sentence: (result.reason && PLAIN_REJECTIONS[result.reason]) ?? result.message ?? "not used",
      };
  }
}
