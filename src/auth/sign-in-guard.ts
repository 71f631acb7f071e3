import type { Mailer } from "../platform/mailer.js";
import { validationFailed } from "../platform/errors.js";
import type { Auth } from "./auth.js";
import { passwordProblem } from "../platform/password-strength.js";
import type { Database } from "../db/database.js";
import type { Clock } from "../shared/clock.js";
import { escapeHtml } from "../shared/html.js";
import { newId } from "../shared/ids.js";
import type { Logger } from "../shared/logger.js";
import { loggableError } from "../shared/loggable-error.js";
import { admitAttempt, claimLockoutNotice, recordSuccess, THROTTLE, type ThrottleDeps } from "./sign-in-throttle.js";
import { findUserByEmail } from "./throttle-repository.js";

export interface SignInGuardDeps {
  database: Database;
  clock: Clock;
  logger: Logger;
  secret: string;
  /** With SMTP configured, the account holder is told when sign-in is paused. */
  mailer?: Mailer | undefined;
  baseUrl: string;
}

/**
 * Runs a password sign-in through the per-account throttle. A paused account answers 429 with
 * Retry-After whether or not it exists, without checking the password; otherwise better-auth
 * answers (the same 401 for an unknown e-mail and a wrong password, after the same password
 * hashing). The lockout e-mail is sent after the answer, so its lookup and SMTP time never show
 * in the response time.
 */
export async function guardedSignIn(
  deps: SignInGuardDeps,
  request: Request,
  handle: (request: Request) => Promise<Response>,
): Promise<Response> {
  const email = await emailOf(request);
  if (email === undefined) return handle(request);
  const throttle: ThrottleDeps = { database: deps.database, clock: deps.clock, secret: deps.secret };
  const admission = await admitAttempt(throttle, email);
  if (!admission.admitted) {
    const minutes = Math.max(1, Math.ceil(admission.retryAfterSeconds / 60));
    return Response.json(
      {
        code: "SIGN_IN_PAUSED",
        message: `Too many failed sign-ins for this account. Try again in ${minutes === 1 ? "a minute" : `${minutes} minutes`}.`,
      },
      { status: 429, headers: { "Retry-After": String(admission.retryAfterSeconds) } },
    );
  }
  const response = await handle(request);
  if (response.ok) {
    await recordSuccess(throttle, admission.accountKey);
  } else if (admission.startsLockout && deps.mailer) {
    void sendLockoutNotice(deps, throttle, admission.accountKey, email);
  }
  return response;
}

async function sendLockoutNotice(deps: SignInGuardDeps, throttle: ThrottleDeps, key: string, email: string): Promise<void> {
  try {
    const user = await findUserByEmail(deps.database.db, email);
    if (!user || !deps.mailer || !(await claimLockoutNotice(throttle, key))) return;
    const minutes = THROTTLE.BASE_DELAY_MS / 60_000;
    const text = [
      `Hello ${user.name},`,
      "",
      `Someone entered a wrong password for your Palpable account ${THROTTLE.FREE_FAILURES} times in a row, so signing in is paused for a while.`,
      `You can sign in again after the pause (it starts at ${minutes < 1 ? `${minutes * 60} seconds` : `${minutes} minutes`} and grows with each further wrong password).`,
      "",
      "If this was you, there is nothing to do. If it was not, someone may be guessing your password: choose a long one that you use nowhere else, and turn on two-factor sign-in on your Account page.",
      "",
      deps.baseUrl,
    ].join("\n");
    await deps.mailer.send({
      to: user.email,
      subject: "Palpable: sign-in to your account was paused",
      text,
      html: `<p>${text.split("\n\n").map(escapeHtml).join("</p><p>").replace(/\n/g, "<br>")}</p>`,
      messageId: `<${newId()}@palpable>`,
    });
  } catch (error) {
    deps.logger.error({ err: loggableError(error) }, "lockout notice not sent");
  }
}

async function emailOf(request: Request): Promise<string | undefined> {
  try {
    const body: unknown = await request.clone().json();
    if (body === null || typeof body !== "object" || !("email" in body)) return undefined;
    const { email } = body;
    return typeof email === "string" && email.trim() !== "" ? email : undefined;
  } catch {
    return undefined;
  }
}

/**
 * better-auth's change-password checks length only; the new password must also pass our strength
 * rules for the signed-in person. A weak one is refused with our usual 400 naming `newPassword`.
 */
export async function guardedPasswordChange(
  auth: Auth,
  request: Request,
  handle: (request: Request) => Promise<Response>,
): Promise<Response> {
  const session = await auth.api.getSession({ headers: request.headers }).catch(() => null);
  let newPassword: unknown;
  try {
    newPassword = ((await request.clone().json()) as { newPassword?: unknown } | null)?.newPassword;
  } catch {
    newPassword = undefined;
  }
  if (session && typeof newPassword === "string") {
    const problem = await passwordProblem(newPassword, { email: session.user.email, name: session.user.name });
    if (problem) return Response.json(validationFailed({ newPassword: problem }).toBody(), { status: 400 });
  }
  return handle(request);
}
