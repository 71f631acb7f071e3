import { formatDateTimeInWords } from "../shared/dates.js";
import { escapeHtml } from "../shared/html.js";

export interface CheckinMailInput {
  practiceName: string;
  firstName: string;
  link: string;
  /** Stops check-in messages (withdraws the client's consent to them), after a confirmation. */
  unsubscribeLink: string;
  /** When the link stops working (ISO instant), written in words in the client's time zone. */
  expiresAt: string;
  /** The client's IANA time zone. */
  timeZone: string;
  /** The client's locale, else the practice's (how the date is written). */
  locale?: string;
  kind: "checkin" | "reminder";
  /** The client's "send your runs" link, offered under the questions. */
  runsLink?: string;
}

export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

/**
 * The check-in e-mail: the practice's name, the client's first name and the link, nothing else
 * about the client (mail passes through servers we do not control).
 */
export function checkinMail(input: CheckinMailInput): MailContent {
  const practice = input.practiceName || "Your therapist";
  const subject =
    input.kind === "reminder"
      ? `${practice}: a reminder — how are you since your treatment?`
      : `${practice}: how are you since your treatment?`;
  const opening =
    input.kind === "reminder"
      ? "A short reminder: a few quick questions about how you feel since your treatment. It takes about a minute:"
      : "A few quick questions about how you feel since your treatment. It takes about a minute:";
  const closing = `The link works until ${formatDateTimeInWords(input.expiresAt, input.timeZone, input.locale)}.`;
  const stop = "To stop these check-in messages:";
  const runs = "You can also add your runs since your last visit (files from your watch or a Strava or Garmin export):";
  const runsText = input.runsLink ? `${runs}\n\n${input.runsLink}\n\n` : "";
  const text = `Hello ${input.firstName},\n\n${opening}\n\n${input.link}\n\n${closing}\n\n${runsText}${practice}\n\n${stop} ${input.unsubscribeLink}\n`;
  const html = [
    "<!doctype html><html><body>",
    `<p>Hello ${escapeHtml(input.firstName)},</p>`,
    `<p>${escapeHtml(opening)}</p>`,
    `<p><a href="${escapeHtml(input.link)}">Answer the questions</a></p>`,
    `<p>${escapeHtml(closing)}</p>`,
    ...(input.runsLink ? [`<p>${escapeHtml(runs)} <a href="${escapeHtml(input.runsLink)}">Add your runs</a></p>`] : []),
    `<p>${escapeHtml(practice)}</p>`,
    `<p><small>${escapeHtml(stop)} <a href="${escapeHtml(input.unsubscribeLink)}">unsubscribe</a></small></p>`,
    "</body></html>",
  ].join("\n");
  return { subject, text, html };
}
