import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { truncateUserAgent } from "../audit/events.js";
import { openUnsubscribeClient } from "../checkins/link-service.js";
import { unsubscribePage } from "../checkins/pages.js";
import type { RequestOrigin } from "../audit/events.js";
import type { AppDeps, AppEnv } from "../platform/context.js";
import type { FormValues } from "./form.js";
import { consentStatus, openIntakeLink, parseWithdrawKinds, submitIntake, withdrawByClient, type OpenIntake } from "./link-service.js";
import { consentSection, INTAKE_CSS, intakeDonePage, intakeFormPage, intakeUnusablePage } from "./pages.js";

const FORM_BODY_LIMIT_BYTES = 64 * 1024;
const tooLarge = bodyLimit({ maxSize: FORM_BODY_LIMIT_BYTES, onError: (c) => c.html(intakeUnusablePage(), 413) });

async function readForm(c: Context<AppEnv>): Promise<FormValues | undefined> {
  if (!/^application\/x-www-form-urlencoded\b/i.test(c.req.header("content-type") ?? "")) return undefined;
  return Object.fromEntries(new URLSearchParams(await c.req.text()));
}

function originOf(c: Context<AppEnv>): RequestOrigin {
  return { ip: c.get("clientIp"), userAgent: truncateUserAgent(c.req.header("user-agent")) };
}

/** What the form starts with: what the practice already knows about the client. */
function prefill(open: OpenIntake): FormValues {
  const c = open.client;
  return { firstName: c.firstName, lastName: c.lastName, email: c.email ?? "", phone: c.phone ?? "", dateOfBirth: c.dateOfBirth ?? "" };
}

/**
 * The client's intake pages under /i: GET only reads (mail scanners open links); the form posts
 * once per link; consent can be withdrawn from the page after it. The token is the credential.
 */
export function intakeLinkRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const unusable = (c: Context<AppEnv>) => c.html(intakeUnusablePage(), 404);

  app.get("/assets/intake.css", (c) => {
    c.header("Cache-Control", "public, max-age=3600");
    return c.body(INTAKE_CSS, 200, { "Content-Type": "text/css; charset=utf-8" });
  });

  const done = async (c: Context<AppEnv>, open: OpenIntake, token: string, notice?: string) => {
    const status = await consentStatus(deps, open.scope, open.link.client_id);
    return c.html(intakeDonePage(open.practiceName, token, status.signature, status.withdrawable, notice));
  };

  app.get("/:token", async (c) => {
    const token = c.req.param("token");
    const open = await openIntakeLink(deps, token);
    if (!open?.consentText) return unusable(c);
    if (open.submission) return done(c, open, token);
    return c.html(
      intakeFormPage({
        practiceName: open.practiceName,
        token,
        values: prefill(open),
        errors: {},
        consentText: { version: Number(open.consentText.version), body: open.consentText.body },
      }),
    );
  });

  app.post("/:token", tooLarge, async (c) => {
    const token = c.req.param("token");
    const open = await openIntakeLink(deps, token);
    const form = await readForm(c);
    if (!open?.consentText || !form) return unusable(c);
    const result = await submitIntake(deps, open, form, originOf(c));
    const text = { version: Number(open.consentText.version), body: open.consentText.body };
    switch (result.kind) {
      case "saved":
        return done(c, open, token);
      case "invalid":
        return c.html(
          intakeFormPage({ practiceName: open.practiceName, token, values: form, errors: result.errors, consentText: text }),
          422,
        );
      case "text_changed": {
        const { consentTreatment: _t, consentData: _d, consentCaseReports: _r, ...values } = form;
        return c.html(
          intakeFormPage({
            practiceName: open.practiceName,
            token,
            values,
            errors: {},
            consentText: text,
            notice:
              "The practice updated its consent text while you were filling in the form. Please read it again and tick the boxes again.",
          }),
          409,
        );
      }
    }
  });

  app.post("/:token/withdraw", tooLarge, async (c) => {
    const token = c.req.param("token");
    const open = await openIntakeLink(deps, token);
    const form = await readForm(c);
    if (!open?.submission || !form) return unusable(c);
    const kinds = parseWithdrawKinds(form);
    const withdrawn = await withdrawByClient(deps, open.scope, open.link.client_id, kinds, originOf(c));
    return done(
      c,
      open,
      token,
      withdrawn.length > 0 ? "Your consent was withdrawn as you asked." : "Nothing was ticked, so nothing changed.",
    );
  });

  return app;
}

/**
 * The check-in e-mail's unsubscribe page also lets the client withdraw signed consents
 * (GET /c/unsubscribe/:token/consents shows them; POST withdraws), recorded as the client's act.
 */
export function unsubscribeConsentRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post("/unsubscribe/:token/consents", tooLarge, async (c) => {
    const token = c.req.param("token");
    const found = await openUnsubscribeClient(deps, token);
    const form = await readForm(c);
    if (!found || !form) return c.html(intakeUnusablePage(), 404);
    const withdrawn = await withdrawByClient(deps, found.scope, found.clientId, parseWithdrawKinds(form), originOf(c));
    const status = await consentStatus(deps, found.scope, found.clientId);
    const notice = withdrawn.length > 0 ? "Your consent was withdrawn as you asked." : "Nothing was ticked, so nothing changed.";
    return c.html(
      unsubscribePage(
        found.practiceName,
        token,
        `<p class="notice" role="status">${notice}</p>${consentSection(status.signature, status.withdrawable, `/c/unsubscribe/${token}/consents`)}`,
      ),
    );
  });
  return app;
}

/** The consent part of the unsubscribe page (empty when the client has signed nothing). */
export async function unsubscribeConsentPart(
  deps: AppDeps,
  scope: { practiceId: string },
  clientId: string,
  token: string,
): Promise<string> {
  const status = await consentStatus(deps, scope, clientId);
  return consentSection(status.signature, status.withdrawable, `/c/unsubscribe/${token}/consents`);
}
