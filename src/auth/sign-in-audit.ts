import type { BetterAuthPlugin } from "better-auth";
import { createAuthMiddleware, isAPIError } from "better-auth/api";
import { auditSignIn, declaredSignIn } from "../audit/declare.js";
import { SIGN_IN_METHODS } from "../audit/events.js";
import type { Database } from "../db/database.js";
import { findPractitionerByEmailAcrossPractices, findPractitionerByUserIdAcrossPractices } from "../practices/repository.js";

/*
 * Sign-ins and sign-outs declared for the audit log from better-auth's own hooks, as route handlers
 * declare what they touched: who it was comes from the session better-auth created or ended, or,
 * for a failed password sign-in, from the e-mail better-auth was given (only to find the practice;
 * the address itself is never recorded). Nothing reads better-auth's answers.
 */

const SIGN_OUT_PATH = "/sign-out";

type Practitioner = { id: string; practiceId: string } | null;

async function practitionerOfUser(database: Database, userId: string): Promise<Practitioner> {
  return (await findPractitionerByUserIdAcrossPractices(database.db, userId)) ?? null;
}

/** The practitioner an e-mail address signs in as, in any practice: a failed sign-in's only clue. */
async function practitionerOfEmail(database: Database, email: unknown): Promise<Practitioner> {
  if (typeof email !== "string") return null;
  return (await findPractitionerByEmailAcrossPractices(database.db, email)) ?? null;
}

/** The user whose session a sign-out ended, per request (better-auth deletes it inside the endpoint). */
const endedSessions = new WeakMap<Request, string>();

/** `databaseHooks.session.delete.before`: remembers whose session a sign-out is ending. */
export function rememberSignOut(
  session: { userId: string },
  context: { path?: string | undefined; request?: Request | undefined } | null,
): Promise<void> {
  if (context?.path === SIGN_OUT_PATH && context.request) endedSessions.set(context.request, session.userId);
  return Promise.resolve();
}

/**
 * A better-auth plugin, listed after two-factor so that its hook sees the final outcome: a sign-in
 * that must still pass the second factor has had its session taken back by then.
 */
export function signInAuditPlugin(database: Database): BetterAuthPlugin {
  return {
    id: "palpable-sign-in-audit",
    hooks: {
      after: [
        {
          matcher: (context) => context.path === SIGN_OUT_PATH || Object.hasOwn(SIGN_IN_METHODS, context.path ?? ""),
          handler: createAuthMiddleware(async (ctx) => {
            const request = ctx.request;
            if (!request || declaredSignIn(request)) return;
            const returned: unknown = ctx.context.returned;
            const failedWith = isAPIError(returned) ? returned.statusCode : undefined;
            if (ctx.path === SIGN_OUT_PATH) {
              const userId = endedSessions.get(request);
              const practitioner = userId && failedWith === undefined ? await practitionerOfUser(database, userId) : null;
              if (practitioner) auditSignIn(request, { action: "sign_out", practitioner, outcome: "success", detail: {} });
              return;
            }
            const method = SIGN_IN_METHODS[ctx.path] ?? "password";
            const newSession = ctx.context.newSession;
            if (failedWith === undefined && newSession) {
              const practitioner = await practitionerOfUser(database, newSession.user.id);
              auditSignIn(request, { action: "sign_in", practitioner, outcome: "success", detail: { method } });
              return;
            }
            // No session: refused, or (a password that was right) waiting for the second factor.
            const body: unknown = ctx.body;
            const email = method === "password" && body !== null && typeof body === "object" && "email" in body ? body.email : undefined;
            const practitioner = await practitionerOfEmail(database, email);
            if (failedWith === undefined) {
              auditSignIn(request, { action: "sign_in", practitioner, outcome: "second_factor_required", detail: { method } });
              return;
            }
            auditSignIn(request, { action: "sign_in", practitioner, outcome: "failure", detail: { method, status: failedWith } });
          }),
        },
      ],
    },
  };
}

/**
 * A password sign-in refused before better-auth's endpoint ran (the per-account pause, the
 * per-address rate limit): declared here, with the e-mail only to find its practice.
 */
export async function auditRefusedSignIn(database: Database, request: Request, email: string, status: number): Promise<void> {
  if (declaredSignIn(request)) return;
  const practitioner = await practitionerOfEmail(database, email);
  auditSignIn(request, { action: "sign_in", practitioner, outcome: "failure", detail: { method: "password", status } });
}
