import { Hono } from "hono";
import { audit } from "../audit/declare.js";
import type { AppDeps, AppEnv } from "../platform/context.js";
import { parseJsonBody, parseQuery, parseVersionedJsonBody } from "../platform/validation.js";
import { checkinPlanRequest, listDueQuery, rescheduleCheckinRequest, scheduleCheckinsRequest } from "./schema.js";
import { cancelCheckin, rescheduleCheckin } from "./cancel-reschedule.js";
import { listDue } from "./due-list.js";
import { createPlan, getPlan, listPlans, updatePlan } from "./plans.js";
import { scheduleCheckins } from "./schedule.js";
import { listOutbox, rotateLink, sendCheckin } from "./send.js";
import { answersVisibleTo, listClientCheckins } from "./views.js";

/** The practitioner's check-in API: plans, scheduling, links, the due list and the outbox. */
export function checkinRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get("/checkin-plans", async (c) => c.json({ plans: await listPlans(deps, c.get("actor")) }));

  app.post("/checkin-plans", async (c) => {
    const body = await parseJsonBody(c, checkinPlanRequest);
    return c.json({ plan: await createPlan(deps, c.get("actor"), body) }, 201);
  });

  app.get("/checkin-plans/:id", async (c) => c.json({ plan: await getPlan(deps, c.get("actor"), c.req.param("id")) }));

  app.put("/checkin-plans/:id", async (c) => {
    const { version, body } = await parseVersionedJsonBody(c, checkinPlanRequest);
    return c.json({ plan: await updatePlan(deps, c.get("actor"), c.req.param("id"), body, version) });
  });

  app.post("/sessions/:id/checkins", async (c) => {
    const body = await parseJsonBody(c, scheduleCheckinsRequest);
    const outcome = await scheduleCheckins(deps, c.get("actor"), c.req.param("id"), body.planId);
    audit(c, { resourceId: c.req.param("id"), clientId: outcome.clientId });
    return c.json(outcome, outcome.alreadyScheduled ? 200 : 201);
  });

  app.get("/clients/:id/checkins", async (c) => {
    audit(c, { clientId: c.req.param("id") });
    return c.json({
      checkins: answersVisibleTo(c.get("actor"), await listClientCheckins(deps, c.get("actor"), c.req.param("id"))),
    });
  });

  app.get("/checkins/due", async (c) => {
    audit(c, { clientId: null });
    return c.json(await listDue(deps, c.get("actor"), parseQuery(c, listDueQuery)));
  });

  app.post("/checkins/:id/link", async (c) => {
    const checkin = await rotateLink(deps, c.get("actor"), c.req.param("id"));
    audit(c, { resourceId: checkin.id, clientId: checkin.clientId });
    return c.json({ checkin });
  });

  app.post("/checkins/:id/send", async (c) => {
    const sent = await sendCheckin(deps, c.get("actor"), c.req.param("id"));
    audit(c, { resourceId: sent.checkin.id, clientId: sent.checkin.clientId });
    return c.json(sent);
  });

  app.post("/checkins/:id/cancel", async (c) => {
    const checkin = await cancelCheckin(deps, c.get("actor"), c.req.param("id"));
    audit(c, { resourceId: checkin.id, clientId: checkin.clientId });
    return c.json({ checkin });
  });

  app.post("/checkins/:id/reschedule", async (c) => {
    const body = await parseJsonBody(c, rescheduleCheckinRequest);
    // The answer is the check-in that takes its place; the one named in the route is what changed.
    const checkin = await rescheduleCheckin(deps, c.get("actor"), c.req.param("id"), body.dueAt);
    audit(c, { resourceId: c.req.param("id"), clientId: checkin.clientId });
    return c.json({ checkin });
  });

  app.get("/outbox", async (c) => {
    audit(c, { clientId: null });
    return c.json({ messages: await listOutbox(deps, c.get("actor")) });
  });

  return app;
}
