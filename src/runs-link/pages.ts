import { CHECKIN_CSS_PATH } from "../platform/link-page-style.js";
import { formatInstant } from "../shared/dates.js";
import { escapeHtml, linkPageDocument } from "../shared/html.js";
import { formatSize, type RunsLinkLimits } from "./limits.js";
import type { PlainOutcome } from "./plain-words.js";
import type { ReceivedUpload } from "./service.js";
import { sportWord } from "./sport-words.js";

/**
 * The runner's "send your runs" page: server-rendered, styled like the check-in pages. One
 * script (ours, from /r/assets) upgrades the form to resumable uploads with a progress bar;
 * without it the form posts the files as plain multipart.
 */

export const RUNS_CSS_PATH = "/r/assets/runs.css";
export const RUNS_SCRIPT_PATH = "/r/assets/runs.js";
export const TUS_SCRIPT_PATH = "/r/assets/tus.min.js";

function layout(title: string, body: string, scripts = ""): string {
  return linkPageDocument({ title, body, stylesheets: [CHECKIN_CSS_PATH, RUNS_CSS_PATH], head: scripts });
}

/** One page for unknown, expired and revoked links alike, so a link's fate is not revealed. */
export function runsLinkUnusablePage(): string {
  return layout(
    "Send your runs",
    `<h1>This link can't be used</h1>
<p>It may have expired or been replaced, or it may be incomplete. Please ask your therapist for a new one.</p>`,
  );
}

export interface RunsPageInput {
  practiceName: string;
  /** How dates are written: the client's locale, else the practice's. */
  locale: string;
  /** The client's time zone, for when an upload arrived (and runs whose watch gave no local time). */
  timeZone: string;
  token: string;
  limits: RunsLinkLimits;
  received: readonly ReceivedUpload[];
  /** The outcome of the form post just made, if any. */
  justSent?: readonly PlainOutcome[];
  /** A refusal in plain words (size, quota, nothing chosen). */
  error?: string;
  /** A note after removing an upload. */
  notice?: string;
}

export function runsPage(input: RunsPageInput): string {
  const token = escapeHtml(input.token);
  const { limits } = input;
  const scripts = `<script src="${TUS_SCRIPT_PATH}" defer></script>
<script src="${RUNS_SCRIPT_PATH}" defer></script>
`;
  const error = input.error ? `<p class="error-summary" role="alert">${escapeHtml(input.error)}</p>` : "";
  const notice = input.notice ? `<p class="notice" role="status">${escapeHtml(input.notice)}</p>` : "";
  const justSent = input.justSent && input.justSent.length > 0 ? `<h2>Just sent</h2>${outcomeList(input.justSent)}` : "";
  return layout(
    "Send your runs",
    `<p class="practice">${escapeHtml(input.practiceName)}</p>
<h1>Send your runs</h1>
<p>Choose the activity files from your watch or app (FIT, GPX or TCX, also .gz), or a whole Garmin Connect or Strava export (.zip). Your therapist will see them before your next visit.</p>
${error}${notice}
<form method="post" action="/r/${token}" enctype="multipart/form-data" id="runs-form" data-tus-endpoint="/r/${token}/tus">
<div class="field">
<label for="files">Files</label>
<input type="file" id="files" name="files" multiple accept=".fit,.gpx,.tcx,.gz,.zip">
<p class="hint">Up to ${formatSize(limits.maxFileBytes)} for one activity file, ${formatSize(limits.maxUploadBytes)} in one upload, and ${formatSize(limits.dailyBytesPerClient)} a day.</p>
</div>
<div class="progress" id="progress-box" hidden>
<progress id="progress" max="100" value="0"></progress>
<p id="progress-text" aria-live="polite"></p>
</div>
<button type="submit">Send</button>
</form>
${justSent}
<h2>Received</h2>
${receivedList(token, input.received, input)}`,
    scripts,
  );
}

function outcomeList(outcomes: readonly PlainOutcome[]): string {
  const items = outcomes.map(
    (o) =>
      `<li class="outcome ${o.kind}">${o.file ? `<span class="file">${escapeHtml(o.file)}</span>: ` : ""}${escapeHtml(o.sentence)}</li>`,
  );
  return `<ul class="outcomes">${items.join("")}</ul>`;
}

function receivedList(token: string, received: readonly ReceivedUpload[], dates: DateSettings): string {
  if (received.length === 0) return `<p class="hint">Nothing yet.</p>`;
  const items = received.map((upload) => {
    const activities = upload.activities
      .map((a) => {
        const note = notARunNote(a.sport);
        return `<li>${escapeHtml(describeActivity(a, dates))}${note ? `<br><span class="hint not-a-run">${escapeHtml(note)}</span>` : ""}</li>`;
      })
      .join("");
    const notUsed = upload.outcomes.filter((o) => o.kind !== "received");
    const head = `<p><strong>${escapeHtml(upload.fileName)}</strong> <span class="hint">sent ${escapeHtml(formatInstant(upload.receivedAt, "datetime", dates.locale, dates.timeZone))}</span></p>`;
    if (upload.removedAt) return `<li class="upload removed">${head}<p class="hint">Removed.</p></li>`;
    const remove = upload.removable
      ? `<form method="post" action="/r/${token}/uploads/${escapeHtml(upload.id)}/remove"><button type="submit" class="secondary">Remove this upload</button></form>`
      : "";
    const summary =
      upload.activities.length === 0 ? `<p class="hint">No activities from this upload.</p>` : `<ul class="activities">${activities}</ul>`;
    return `<li class="upload">${head}${summary}${notUsed.length > 0 ? outcomeList(notUsed.slice(0, 50)) : ""}${remove}</li>`;
  });
  return `<ul class="uploads">${items.join("")}</ul>`;
}

/**
 * Files of another sport are kept (the therapist may want the cross-training) but do not count as
 * running; the runner is told so in plain words.
 */
const NOT_A_RUN: Record<string, string> = {
  cycling: "this is a cycling file",
  swimming: "this is a swimming file",
  other: "this is not a run",
};

/** "this is a cycling file: your therapist sees it, but it does not count as running", or null for a run or walk. */
export function notARunNote(sport: string): string | null {
  const what = NOT_A_RUN[sport];
  return what ? `${what}: your therapist sees it, but it does not count as running` : null;
}

interface DateSettings {
  locale: string;
  timeZone: string;
}

/**
 * "Tue, 1 Dec 2026 · 10.2 km · Run" (en-GB; "Di., 1. Dez. 2026 · 10,2 km · Lauf" in de-DE), on the day the watch recorded it (its local time),
 * else on the day in the client's time zone.
 */
export function describeActivity(
  a: { startTime: string; localOffsetMinutes: number | null; distanceM: number; sport: string; sportLabel: string | null },
  dates: DateSettings,
): string {
  const day =
    a.localOffsetMinutes === null
      ? formatInstant(a.startTime, "weekdayDate", dates.locale, dates.timeZone)
      : formatInstant(new Date(Date.parse(a.startTime) + a.localOffsetMinutes * 60_000), "weekdayDate", dates.locale, "UTC");
  const kind = sportWord(a.sport, a.sportLabel, dates.locale);
  const km = new Intl.NumberFormat(dates.locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(a.distanceM / 1000);
  return `${day} · ${km} km · ${kind}`;
}

export const RUNS_CSS = `progress{display:block;width:100%;height:1.5rem}
.progress{margin:1rem 0}
input[type=file]{display:block;width:100%;font:inherit;margin-top:.5rem;min-height:48px}
.uploads,.outcomes,.activities{list-style:none;padding:0;margin:0}
.upload{border:1px solid #ccc;border-radius:.5rem;background:#fff;margin:0 0 1rem;padding:.5rem 1rem}
.upload p{margin:.25rem 0}
.activities li{padding:.25rem 0;border-bottom:1px solid #eee}
.outcome.not_used{color:#8a4b00}
.notice{color:#1d6b2f;font-weight:600}
button.secondary{background:#fff;color:#1f5f8b;border:2px solid #1f5f8b;min-height:48px;margin:.75rem 0}
`;

/**
 * The page's script: sends each chosen file with tus (resumable: a dropped connection picks up
 * where it stopped, also after reloading the page), shows progress, then reloads to list them.
 * Without it (or without tus support) the form posts as plain multipart.
 */
export const RUNS_SCRIPT = `(function () {
  "use strict";
  var form = document.getElementById("runs-form");
  if (!form || !window.tus || !window.tus.isSupported) return;
  var input = document.getElementById("files");
  var box = document.getElementById("progress-box");
  var bar = document.getElementById("progress");
  var text = document.getElementById("progress-text");
  var button = form.querySelector("button[type=submit]");
  function say(message) { text.textContent = message; }
  function sendOne(file, index, count) {
    return new Promise(function (resolve, reject) {
      var upload = new window.tus.Upload(file, {
        endpoint: form.getAttribute("data-tus-endpoint"),
        retryDelays: [0, 1000, 3000, 5000, 10000, 20000],
        metadata: { filename: file.name },
        removeFingerprintOnSuccess: true,
        onProgress: function (sent, total) {
          var percent = total > 0 ? Math.floor((sent / total) * 100) : 0;
          bar.value = percent;
          say("Sending " + file.name + " (" + (index + 1) + " of " + count + "): " + percent + "%");
        },
        onSuccess: function () { resolve(); },
        onError: function (error) {
          var body = error && error.originalResponse ? error.originalResponse.getBody() : "";
          reject(new Error(body || "The connection was lost. Choose the same file again to carry on where it stopped."));
        }
      });
      upload.findPreviousUploads().then(function (previous) {
        if (previous.length > 0) upload.resumeFromPreviousUpload(previous[0]);
        upload.start();
      });
    });
  }
  form.addEventListener("submit", function (event) {
    var files = Array.prototype.slice.call(input.files || []);
    if (files.length === 0) return;
    event.preventDefault();
    box.hidden = false;
    button.disabled = true;
    var chain = Promise.resolve();
    files.forEach(function (file, index) {
      chain = chain.then(function () { return sendOne(file, index, files.length); });
    });
    chain.then(function () {
      say("All sent. Updating the list…");
      window.location.reload();
    }, function (error) {
      button.disabled = false;
      say(error.message);
      text.className = "error";
    });
  });
})();
`;
