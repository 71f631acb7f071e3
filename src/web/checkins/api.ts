import { request } from "../api";
import type { CheckinPlanRequest, CheckinPlanView, CheckinView, DueCheckinsView, OutboxMessageView } from "../../checkins/schema";

const enc = encodeURIComponent;

export type CheckinPlan = CheckinPlanView;
export type Checkin = CheckinView;
export type OutboxMessage = OutboxMessageView;
export type CheckinPlanInput = CheckinPlanRequest;

export type DueCheckins = DueCheckinsView;
export type DueCheckin = DueCheckinsView["checkins"][number];

/** The check-in endpoints: plans, scheduling, sending, new links and the practice's due list. */
export const checkinApi = {
  plans: () => request<{ plans: CheckinPlan[] }>("GET", "/api/checkin-plans"),
  createPlan: (input: CheckinPlanInput) => request<{ plan: CheckinPlan }>("POST", "/api/checkin-plans", input),
  updatePlan: (id: string, input: CheckinPlanInput) => request<{ plan: CheckinPlan }>("PUT", `/api/checkin-plans/${enc(id)}`, input),
  schedule: (sessionId: string, planId: string) =>
    request<{ checkins: Checkin[]; alreadyScheduled: boolean; message: string }>("POST", `/api/sessions/${enc(sessionId)}/checkins`, {
      planId,
    }),
  forClient: (clientId: string) => request<{ checkins: Checkin[] }>("GET", `/api/clients/${enc(clientId)}/checkins`),
  due: (cursor?: string) => request<DueCheckins>("GET", `/api/checkins/due${cursor ? `?cursor=${enc(cursor)}` : ""}`),
  send: (id: string) => request<{ checkin: Checkin; message: OutboxMessage }>("POST", `/api/checkins/${enc(id)}/send`, {}),
  newLink: (id: string) => request<{ checkin: Checkin }>("POST", `/api/checkins/${enc(id)}/link`, {}),
  cancel: (id: string) => request<{ checkin: Checkin }>("POST", `/api/checkins/${enc(id)}/cancel`, {}),
  reschedule: (id: string, dueAt: string) => request<{ checkin: Checkin }>("POST", `/api/checkins/${enc(id)}/reschedule`, { dueAt }),
};
