import type { ContentfulStatusCode } from "hono/utils/http-status";

export type FieldErrors = Record<string, string>;

/** An error meant for the caller: a stable code, an HTTP status and a message that names the problem. */
export class AppError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly fields?: FieldErrors,
    /** Extra facts for the caller, e.g. the refused `action` of a 403. */
    readonly extra?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
    this.name = "AppError";
  }

  toBody(): ErrorBody {
    return { error: { ...this.extra, code: this.code, message: this.message, ...(this.fields ? { fields: this.fields } : {}) } };
  }
}

export interface ErrorBody {
  error: { code: string; message: string; fields?: FieldErrors; action?: string; [extra: string]: unknown };
}

/** Unknown and foreign ids give the same answer, so ids from another practice reveal nothing. */
export const notFound = (what: string) => new AppError(404, "not_found", `${what} not found`);
export const validationFailed = (fields: FieldErrors, message = describeFields(fields)) =>
  new AppError(400, "validation_failed", message, fields);
export const badRequest = (code: string, message: string) => new AppError(400, code, message);
export const conflict = (code: string, message: string, fields?: FieldErrors) => new AppError(409, code, message, fields);
/**
 * 409 for an edit based on a version that is no longer current: names who changed the record and
 * carries its current version (and, when given, the record itself) so the caller can merge.
 */
export const staleVersion = (
  what: string,
  current: { version: number; updatedAt: string; updatedBy: { id: string; name: string } | null },
  record?: unknown,
) =>
  new AppError(
    409,
    "stale_version",
    `This ${what} was changed${current.updatedBy ? ` by ${current.updatedBy.name}` : ""} since you opened it (it is now version ${current.version})`,
    undefined,
    { current, ...(record === undefined ? {} : { record }) },
  );
/** A write that lost a race the service could not settle on its own (the safety net in app/app.ts). */
export const writeConflict = () =>
  new AppError(409, "write_conflict", "Someone else changed this at the same moment; reload it and try again");
export const unauthenticated = () => new AppError(401, "unauthenticated", "Sign in to continue");
export const forbidden = (message = "Your role does not allow this") => new AppError(403, "forbidden", message);

function describeFields(fields: FieldErrors): string {
  const entries = Object.entries(fields);
  const [first] = entries;
  if (!first) return "The request is invalid";
  const [path, problem] = first;
  const more = entries.length > 1 ? ` (and ${entries.length - 1} more)` : "";
  return `${path}: ${problem}${more}`;
}
