import { Hono } from "hono";
import { z } from "zod";
import { audit, auditRecordedByService } from "../audit/declare.js";
import type { AppDeps, AppEnv } from "../platform/context.js";
import { parseJsonBody } from "../platform/validation.js";
import { consentTextRequest, getConsentTexts, saveConsentText } from "./consent-text.js";
import { listProfileRevisions } from "../clients/profile-history.js";
import {
  acceptIntake,
  intakeLinkStatus,
  issueIntakeLink,
  listIntakes,
  listSignedConsents,
  reviewRedFlags,
  revokeIntakeLinks,
  type IntakeDeps,
} from "./service.js";
import { notFound } from "../platform/errors.js";
import { findClient } from "../clients/repository.js";

const issueLinkRequest = z.strictObject({
  delivery: z.enum(["show", "email"], { message: "must be show or email" }).default("show"),
});

/** The practice's side of intake and consent: the consent text, intake links, review and acceptance. */
export function intakeApiRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const intake: IntakeDeps = { database: deps.database, clock: deps.clock, baseUrl: deps.config.baseUrl, mailer: deps.mailer };

  app.get("/consent-text", async (c) => c.json(await getConsentTexts(deps, c.get("actor"))));
  app.put("/consent-text", async (c) => {
    const body = await parseJsonBody(c, consentTextRequest);
    return c.json({ consentText: await saveConsentText(deps, c.get("actor"), body) });
  });

  app.get("/clients/:id/intake-link", async (c) => {
    audit(c, { clientId: c.req.param("id") });
    return c.json(await intakeLinkStatus(intake, c.get("actor"), c.req.param("id")));
  });
  /** A new link; shown in this answer (for the QR code) or e-mailed to the client. */
  app.post("/clients/:id/intake-link", async (c) => {
    const body = await parseJsonBody(c, issueLinkRequest);
    audit(c, { clientId: c.req.param("id") });
    return c.json(await issueIntakeLink(intake, c.get("actor"), c.req.param("id"), body.delivery), 201);
  });
  app.delete("/clients/:id/intake-link", async (c) => {
    audit(c, { clientId: c.req.param("id") });
    return c.json(await revokeIntakeLinks(intake, c.get("actor"), c.req.param("id")));
  });

  app.get("/clients/:id/intakes", async (c) => {
    audit(c, { clientId: c.req.param("id") });
    return c.json(await listIntakes(intake, c.get("actor"), c.req.param("id")));
  });
  // The service records review and acceptance in their own transactions.
  app.post("/intakes/:id/flags-review", async (c) => {
    const reviewed = await reviewRedFlags(intake, c.get("actor"), c.req.param("id"));
    auditRecordedByService(c);
    return c.json({ intake: reviewed });
  });
  app.post("/intakes/:id/accept", async (c) => {
    const accepted = await acceptIntake(intake, c.get("actor"), c.req.param("id"));
    auditRecordedByService(c);
    return c.json({ intake: accepted });
  });

  app.get("/clients/:id/signed-consents", async (c) => {
    audit(c, { clientId: c.req.param("id") });
    return c.json(await listSignedConsents(intake, c.get("actor"), c.req.param("id")));
  });
  app.get("/clients/:id/profile-history", async (c) => {
    const actor = c.get("actor");
    const id = c.req.param("id");
    audit(c, { clientId: id });
    if (!(await findClient(deps.database.db, actor, id))) throw notFound("Client");
    return c.json({ revisions: await listProfileRevisions(deps.database.db, actor, id) });
  });

  return app;
}
