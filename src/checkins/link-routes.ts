import { Hono, type MiddlewareHandler } from "hono";
import { linkPageEvent } from "../audit/capture.js";
import { auditLinkPage, auditRecordedByService } from "../audit/declare.js";
import type { AppDeps, AppEnv } from "../platform/context.js";
import { confirmUnsubscribe, openLink, openUnsubscribeClient, submitLink, type LinkCheckin } from "./link-service.js";
import { CHECKIN_CSS, CHECKIN_CSS_PATH } from "../platform/link-page-style.js";
import { neutralPage, questionnairePage, questionnaireTemplate, thankYouPage, unsubscribedPage, unsubscribePage } from "./pages.js";
import { FixedWindowLimiter } from "./rate-limit.js";
import { sendTemplate, sendText, type TextTemplate } from "../platform/compression.js";
import { LIBRARY_CATALOGUE } from "../shared/measures/index.js";
import { readSmallBody } from "../platform/form-body.js";
import { REQUEST_LIMITS } from "../shared/limits.js";
import { escapeHtml } from "../shared/html.js";

const REQUESTS_PER_MINUTE_PER_IP = 60;
/** Questionnaire pages kept ready around their token, by practice name, measures and the client's activities. */
const MAX_TEMPLATES = 500;

/** Nothing on a link page is cached (the security headers, no-referrer included, are set for every response in platform/security.ts). */
export const linkPageHeaders: MiddlewareHandler<AppEnv> = async (c, next) => {
  // Set before the handler runs: a header set on the finished response is lost once the
  // compression middleware wraps the body in a new stream under @hono/node-server.
  if (c.req.path !== CHECKIN_CSS_PATH) c.header("Cache-Control", "no-store");
  await next();
};

/** Per-IP limit on /c/*, in memory (see docs/DECISIONS.md). */
export function linkRateLimit(
  deps: AppDeps,
  remoteAddress: (c: Parameters<MiddlewareHandler<AppEnv>>[0]) => string,
): MiddlewareHandler<AppEnv> {
  const limiter = new FixedWindowLimiter(deps.clock, REQUESTS_PER_MINUTE_PER_IP, 60_000);
  return async (c, next) => {
    if (!limiter.allow(remoteAddress(c))) {
      c.header("Retry-After", "60");
      return c.text("Too many requests. Please wait a minute and try again.", 429);
    }
    await next();
  };
}

/**
 * What the unsubscribe page shows below its own form: the client's signed consents to withdraw
 * (intake's part, handed in by the app; its form posts to intake's route).
 */
export type UnsubscribeConsentPart = (scope: { practiceId: string }, clientId: string, token: string) => Promise<string>;

/** The client's check-in pages: server-rendered, no scripts, authenticated by the link token alone. */
export function checkinLinkRoutes(deps: AppDeps, consentPart: UnsubscribeConsentPart): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  // The busiest pages there are: sent ready-made, small ones as they are (platform/compression.ts).
  const page = (c: Parameters<MiddlewareHandler<AppEnv>>[0], html: string, status: 200 | 404 | 422 = 200) =>
    sendText(c, html, status, "text/html; charset=UTF-8");
  const unusable = (c: Parameters<MiddlewareHandler<AppEnv>>[0]) => page(c, neutralPage(), 404);
  // The questionnaire as first opened, or again with what was sent and what was wrong with it.
  type Questionnaire = Parameters<typeof questionnairePage>[0];
  const formPage = (
    c: Parameters<MiddlewareHandler<AppEnv>>[0],
    token: string,
    found: Pick<Questionnaire, "practiceName" | "measureCodes" | "fixedActivities" | "catalogue">,
    state: Pick<Questionnaire, "values" | "errors" | "answered">,
    status: 200 | 422 = 200,
  ) =>
    page(
      c,
      questionnairePage({
        practiceName: found.practiceName,
        token,
        measureCodes: found.measureCodes,
        fixedActivities: found.fixedActivities,
        catalogue: found.catalogue,
        ...state,
      }),
      status,
    );

  // A link opened before it is answered shows the same page as every other link of its practice
  // with the same library measures (and the client's PSFS activities), but for the token: that page
  // is kept, rendered and compressed once. Practices' own questionnaires are read afresh each time.
  const templates = new Map<string, TextTemplate>();
  const blankFormPage = (c: Parameters<MiddlewareHandler<AppEnv>>[0], token: string, found: Parameters<typeof formPage>[2]) => {
    const key = JSON.stringify([found.practiceName, found.measureCodes, found.fixedActivities]);
    let template = templates.get(key);
    if (!template) {
      template = questionnaireTemplate({ ...found, values: {}, errors: {}, answered: false });
      if (templates.size >= MAX_TEMPLATES) templates.delete(templates.keys().next().value as string);
      templates.set(key, template);
    }
    return sendTemplate(c, template, escapeHtml(token), 200, "text/html; charset=UTF-8");
  };

  app.get("/assets/checkin.css", (c) => {
    c.header("Cache-Control", "public, max-age=3600");
    return c.body(CHECKIN_CSS, 200, { "Content-Type": "text/css; charset=utf-8" });
  });

  app.get("/unsubscribe/:token", async (c) => {
    const token = c.req.param("token");
    const found = await openUnsubscribeClient(deps, token);
    return found ? c.html(unsubscribePage(found.practiceName, token, await consentPart(found.scope, found.clientId, token))) : unusable(c);
  });

  app.post("/unsubscribe/:token", async (c) => {
    const client = await confirmUnsubscribe(deps, c.req.param("token"));
    if (client) auditLinkPage(c, { ...client, resourceId: null, detail: { kind: "checkin_messages" } });
    return client ? c.html(unsubscribedPage()) : unusable(c);
  });

  app.get("/:token", async (c) => {
    const token = c.req.param("token");
    const result = await openLink(deps, token);
    if (result.kind === "unusable") return unusable(c);
    if (result.answeredAt === null && result.catalogue === LIBRARY_CATALOGUE) return blankFormPage(c, token, result);
    return formPage(c, token, result, { values: result.values, answered: result.answeredAt !== null, errors: {} });
  });

  app.post("/:token", async (c) => {
    const token = c.req.param("token");
    if (!/^application\/x-www-form-urlencoded\b/i.test(c.req.header("content-type") ?? "")) return unusable(c);
    const body = await readSmallBody(c, REQUEST_LIMITS.checkinFormBytes);
    if (body === undefined) return c.text("The form is too large.", 413);
    const form = Object.fromEntries(new URLSearchParams(body));
    const touched = (checkin: LinkCheckin) => ({ practiceId: checkin.practiceId, resourceId: checkin.id, clientId: checkin.clientId });
    const result = await submitLink(deps, token, form, {
      onFound: (checkin) => auditLinkPage(c, touched(checkin)),
      acceptedEvent: (checkin) => linkPageEvent(c, touched(checkin), 200, c.get("clientIp"), deps.clock.now()),
    });
    // Its event was written in the answer's transaction.
    if (result.kind === "saved") auditRecordedByService(c);
    switch (result.kind) {
      case "unusable":
        return unusable(c);
      case "invalid":
        return formPage(c, token, result, { values: form, errors: result.errors }, 422);
      case "saved":
        return page(c, thankYouPage(result.practiceName));
    }
  });

  return app;
}
