import { Hono } from "hono";
import { audit } from "../audit/declare.js";
import type { AppDeps, AppEnv } from "../platform/context.js";
import { notFound } from "../platform/errors.js";
import { parseJsonBody } from "../platform/validation.js";
import * as repo from "./repository.js";
import { addPractitionerRequest, changeRoleRequest, practiceSettingsRequest, setupRequest } from "./schema.js";
import * as service from "./service.js";
import { can } from "../shared/policy.js";
import { inviteMember, listInvitations } from "./invitations.js";

/** First-run setup: open to anyone only while no practice exists. */
export function setupRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/setup", async (c) => c.json({ needed: await service.isSetupNeeded(deps.database) }));
  app.post("/setup", async (c) => {
    const body = await parseJsonBody(c, setupRequest);
    const { practiceId } = await service.createPracticeWithOwner(deps.database, deps.clock, {
      practiceName: body.practiceName,
      timeZone: body.timeZone,
      locale: body.locale,
      owner: { name: body.name, email: body.email, password: body.password, role: "owner" },
      onlyIfFirst: true,
    });
    deps.logger.info({ practiceId }, "practice set up");
    return c.json({ practice: { id: practiceId, name: body.practiceName } }, 201);
  });
  return app;
}

/** The signed-in practitioner and their team. */
export function practiceRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get("/me", async (c) => {
    const actor = c.get("actor");
    const [practice, me] = await Promise.all([
      repo.findPractice(deps.database.db, actor),
      repo.findPractitioner(deps.database.db, actor, actor.practitionerId),
    ]);
    if (!practice || !me) throw notFound("Practitioner");
    return c.json({
      user: { id: me.userId, name: me.name, email: me.email, twoFactorEnabled: me.twoFactorEnabled },
      practitioner: { id: me.id, role: me.role, clinicalNotesGranted: me.clinicalNotesGranted },
      practice,
    });
  });

  app.patch("/practice", async (c) => {
    const actor = c.get("actor");
    const body = await parseJsonBody(c, practiceSettingsRequest);
    await repo.updatePractice(deps.database.db, actor, body);
    const practice = await repo.findPractice(deps.database.db, actor);
    if (!practice) throw notFound("Practice");
    return c.json({ practice });
  });

  app.get("/team", async (c) => {
    const actor = c.get("actor");
    const members = await service.listTeam(deps.database, actor);
    // Pending invitations are the owner's business; other roles see the members.
    const invitations = can(actor, "team.manage") ? await listInvitations(deps, actor) : [];
    return c.json({ members, invitations });
  });

  // An invitation, answered the same whether or not the address has an account elsewhere.
  app.post("/team", async (c) => {
    const body = await parseJsonBody(c, addPractitionerRequest);
    const result = await inviteMember({ ...deps, baseUrl: deps.config.baseUrl }, c.get("actor"), body);
    audit(c, { resourceId: result.invitation.id, clientId: null });
    return c.json(result, 201);
  });

  app.patch("/team/:id", async (c) => {
    const body = await parseJsonBody(c, changeRoleRequest);
    const member = await service.changeRole(deps.database, c.get("actor"), c.req.param("id"), body);
    audit(c, { resourceId: c.req.param("id"), clientId: null });
    return c.json({ member });
  });

  return app;
}
