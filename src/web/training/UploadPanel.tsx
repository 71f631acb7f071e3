import { useEffect, useId, useState, type DragEvent, type ReactNode } from "react";
import { Link } from "../router";
import { formatBytes, REJECTION_NAMES } from "./format";
import type { FileOutcome, ImportReport } from "./types";
import { isFinished, useUploadQueue, type UploadItem } from "./useUploadQueue";

/** A zip's results are listed in full up to this many files; beyond, only the rejected ones are. */
const FULL_LIST_MAX = 12;

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "12 imported · 3 duplicates · 1 rejected · 4 other files skipped" */
export function reportSummary(report: ImportReport): string {
  const parts = [`${report.imported} imported`];
  if (report.duplicates > 0) parts.push(plural(report.duplicates, "duplicate"));
  if (report.rejected > 0) parts.push(`${report.rejected} rejected`);
  if (report.skipped > 0) parts.push(`${plural(report.skipped, "other file")} skipped`);
  return parts.join(" · ");
}

interface OutcomeRowProps {
  outcome: FileOutcome;
  activityBase: string;
  /** The upload was this one file, whose name is already shown above. */
  alone?: boolean;
}

function OutcomeRow({ outcome, activityBase, alone = false }: OutcomeRowProps): ReactNode {
  const file = alone ? null : <span className="outcome__file">{outcome.file}</span>;
  switch (outcome.status) {
    case "imported":
      return (
        <li className="outcome">
          <span className="badge badge--ok">Imported</span>
          <Link
            to={`${activityBase}/${encodeURIComponent(outcome.activityId)}`}
            className={alone ? undefined : "outcome__file"}
            aria-label={`Open activity from ${outcome.file}`}
          >
            {alone ? "Open activity" : outcome.file}
          </Link>
          {outcome.warnings.length > 0 ? <span className="outcome__detail muted">{outcome.warnings.join(" ")}</span> : null}
        </li>
      );
    case "duplicate":
      return (
        <li className="outcome">
          <span className="badge badge--muted">Duplicate</span>
          {file}
          <span className="outcome__detail muted">Already uploaded for this client.</span>
        </li>
      );
    case "rejected":
      return (
        <li className="outcome">
          <span className="badge badge--danger">Rejected: {REJECTION_NAMES[outcome.reason]}</span>
          {file}
          <span className="outcome__detail">{outcome.message}</span>
        </li>
      );
  }
}

function Outcomes({ report, activityBase }: { report: ImportReport; activityBase: string }): ReactNode {
  const { results } = report;
  if (results.length <= FULL_LIST_MAX) {
    return (
      <ul className="outcomes">
        {results.map((outcome, i) => (
          <OutcomeRow key={i} outcome={outcome} activityBase={activityBase} />
        ))}
      </ul>
    );
  }
  const rejected = results.filter((outcome) => outcome.status === "rejected");
  return (
    <>
      {rejected.length > 0 ? (
        <ul className="outcomes">
          {rejected.map((outcome, i) => (
            <OutcomeRow key={i} outcome={outcome} activityBase={activityBase} />
          ))}
        </ul>
      ) : null}
      <details className="disclosure">
        <summary>All {results.length} files in this upload</summary>
        <ul className="outcomes">
          {results.map((outcome, i) => (
            <OutcomeRow key={i} outcome={outcome} activityBase={activityBase} />
          ))}
        </ul>
      </details>
    </>
  );
}

function statusText(item: UploadItem): string {
  switch (item.status) {
    case "waiting":
      return "Waiting";
    case "sending":
      return `Uploading ${item.total > 0 ? Math.floor((item.loaded / item.total) * 100) : 0}%`;
    case "processing":
      return "Reading the file…";
    case "done":
      return item.report ? reportSummary(item.report) : "Done";
    case "failed":
      return "Upload failed";
    case "cancelled":
      return "Cancelled";
  }
}

function UploadRow({ item, activityBase, onCancel }: { item: UploadItem; activityBase: string; onCancel: () => void }): ReactNode {
  // A single file's one result repeats its name: show just the outcome. A zip lists its inner files.
  const single = item.report?.results.length === 1 ? item.report.results[0] : undefined;
  return (
    <li className={`upload upload--${item.status}`}>
      <div className="upload__head">
        <span className="upload__name">{item.name}</span>
        <span className="upload__size muted">{formatBytes(item.size)}</span>
        <span className="upload__status">{single ? null : statusText(item)}</span>
        {!isFinished(item) ? (
          <button
            type="button"
            className="button button--quiet button--small"
            onClick={onCancel}
            aria-label={`Cancel upload of ${item.name}`}
          >
            Cancel
          </button>
        ) : null}
      </div>
      {item.status === "sending" ? (
        <progress className="upload__progress" max={item.total || 1} value={item.loaded} aria-label={`Uploading ${item.name}`} />
      ) : null}
      {item.status === "processing" ? <progress className="upload__progress" aria-label={`Reading ${item.name}`} /> : null}
      {item.status === "failed" ? (
        <p className="field__error" role="alert">
          {item.error}
        </p>
      ) : null}
      {single ? (
        <ul className="outcomes">
          <OutcomeRow outcome={single} activityBase={activityBase} alone />
        </ul>
      ) : item.report ? (
        <Outcomes report={item.report} activityBase={activityBase} />
      ) : null}
    </li>
  );
}

/** One line per finished file: "a.fit: imported", "b.fit: rejected (not an activity)". */
export function fileSummary(item: UploadItem): string {
  const single = item.report?.results.length === 1 ? item.report.results[0] : undefined;
  if (item.status !== "done" || !single) return `${item.name}: ${statusText(item).toLowerCase()}`;
  switch (single.status) {
    case "imported":
      return `${item.name}: imported`;
    case "duplicate":
      return `${item.name}: duplicate, already uploaded`;
    case "rejected":
      return `${item.name}: rejected (${REJECTION_NAMES[single.reason].toLowerCase()})`;
  }
}

/**
 * When the queue has finished, what happened to every file of the batch: a count line and one
 * line per file (announced to screen readers too), not only the last file's outcome.
 */
function BatchSummary({ items, busy }: { items: UploadItem[]; busy: boolean }): ReactNode {
  const done = busy ? [] : items;
  const imported = done.filter((item) => item.status === "done" && (item.report?.imported ?? 0) > 0).length;
  return (
    <div role="status" className={done.length > 1 ? "upload-summary" : "visually-hidden"}>
      {done.length > 1 ? (
        <>
          <p className="upload-summary__count">
            {done.length} files: {imported} with new activities, {done.length - imported} without.
          </p>
          <ul className="upload-summary__files" aria-label="Upload summary">
            {done.map((item) => (
              <li key={item.key}>{fileSummary(item)}</li>
            ))}
          </ul>
        </>
      ) : done[0] ? (
        fileSummary(done[0])
      ) : (
        ""
      )}
    </div>
  );
}

/** Stops a file dropped beside the drop zone from replacing the whole page with the file. */
function useGuardWindowDrops(): void {
  useEffect(() => {
    const guard = (event: globalThis.DragEvent): void => {
      if (event.dataTransfer?.types.includes("Files")) event.preventDefault();
    };
    window.addEventListener("dragover", guard);
    window.addEventListener("drop", guard);
    return () => {
      window.removeEventListener("dragover", guard);
      window.removeEventListener("drop", guard);
    };
  }, []);
}

/** Drop zone and file picker for a client's training files, with each upload's progress and results. */
export function UploadPanel({
  clientId,
  onImported,
  prominent,
}: {
  clientId: string;
  onImported: () => void;
  prominent: boolean;
}): ReactNode {
  const queue = useUploadQueue(clientId, onImported);
  const [dragging, setDragging] = useState(false);
  const inputId = useId();
  const hintId = useId();
  const activityBase = `/clients/${encodeURIComponent(clientId)}/activities`;
  const finished = queue.items.filter(isFinished);
  useGuardWindowDrops();

  function onDragOver(event: DragEvent<HTMLDivElement>): void {
    if (!event.dataTransfer.types.includes("Files")) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "copy";
    setDragging(true);
  }

  function onDragLeave(event: DragEvent<HTMLDivElement>): void {
    if (event.relatedTarget instanceof Node && event.currentTarget.contains(event.relatedTarget)) return;
    setDragging(false);
  }

  function onDrop(event: DragEvent<HTMLDivElement>): void {
    event.preventDefault();
    setDragging(false);
    queue.add([...event.dataTransfer.files]);
  }

  return (
    <section className="card" aria-labelledby="upload-heading">
      <h2 id="upload-heading">Add training files</h2>
      <div
        className={`dropzone${dragging ? " is-dragging" : ""}${prominent ? " dropzone--prominent" : ""}`}
        onDragEnter={onDragOver}
        onDragOver={onDragOver}
        onDragLeave={onDragLeave}
        onDrop={onDrop}
      >
        <p id={hintId} className="dropzone__hint">
          Drag files here: FIT, GPX or TCX files from a watch (gzipped is fine), or a whole Strava or Garmin Connect export zip.
        </p>
        {/* No `accept` filter: iPad Safari greys out extensions it does not know, such as .fit. */}
        <input
          id={inputId}
          type="file"
          multiple
          className="file-input visually-hidden"
          aria-describedby={hintId}
          onChange={(event) => {
            queue.add([...(event.currentTarget.files ?? [])]);
            event.currentTarget.value = "";
          }}
        />
        <label htmlFor={inputId} className="button button--primary">
          Choose training files
        </label>
      </div>
      {queue.items.length > 0 ? (
        <>
          <ul className="uploads" aria-label="Uploads">
            {queue.items.map((item) => (
              <UploadRow key={item.key} item={item} activityBase={activityBase} onCancel={() => queue.cancel(item.key)} />
            ))}
          </ul>
          {finished.length > 0 && !queue.busy ? (
            <button type="button" className="button button--quiet" onClick={queue.clearFinished}>
              Clear finished uploads
            </button>
          ) : null}
        </>
      ) : null}
      <BatchSummary items={finished} busy={queue.busy} />
    </section>
  );
}
