import type { ExperimentResults } from "../../experiments/schema.js";
import type {
  AmendableField,
  Arm,
  EligibilityPage,
  EligibilityShow,
  EnrolmentPage,
  ExperimentPlanInput,
  ExperimentSummaryView,
  ExperimentView,
} from "../../experiments/schema.js";
import { request } from "../api";

const enc = encodeURIComponent;

/** The experiments endpoints: plan, pre-register, amend, enrol, withdraw, finish, results. */
export const experimentsApi = {
  list: () => request<{ experiments: ExperimentSummaryView[] }>("GET", "/api/experiments"),
  get: (id: string) => request<{ experiment: ExperimentView }>("GET", `/api/experiments/${enc(id)}`),
  create: (plan: ExperimentPlanInput) => request<{ experiment: ExperimentView }>("POST", "/api/experiments", plan),
  update: (id: string, version: number, plan: ExperimentPlanInput) =>
    request<{ experiment: ExperimentView }>("PUT", `/api/experiments/${enc(id)}`, { ...plan, version }),
  start: (id: string) => request<{ experiment: ExperimentView }>("POST", `/api/experiments/${enc(id)}/start`, {}),
  amend: (id: string, field: AmendableField, value: unknown, reason: string) =>
    request<{ experiment: ExperimentView }>("POST", `/api/experiments/${enc(id)}/amendments`, { field, value, reason }),
  finish: (id: string) => request<{ experiment: ExperimentView }>("POST", `/api/experiments/${enc(id)}/finish`, {}),
  /** One page of the eligibility list (eligible or not, not yet enrolled; a name search); pass `cursor` for the next. */
  eligibility: (id: string, query: { show: EligibilityShow; q: string; cursor?: string | null }) => {
    const params = new URLSearchParams({ show: query.show });
    if (query.q) params.set("q", query.q);
    if (query.cursor) params.set("cursor", query.cursor);
    return request<EligibilityPage>("GET", `/api/experiments/${enc(id)}/eligibility?${params.toString()}`);
  },
  /** One page of enrolments in enrolment order; pass the previous page's `nextCursor` for the next. */
  enrolments: (id: string, cursor?: string) =>
    request<EnrolmentPage>("GET", `/api/experiments/${enc(id)}/enrolments${cursor ? `?cursor=${enc(cursor)}` : ""}`),
  enrol: (id: string, input: { clientId: string; arm?: Arm; dataFrom?: string }) =>
    request<{ experiment: ExperimentView }>("POST", `/api/experiments/${enc(id)}/enrolments`, input),
  withdraw: (id: string, clientId: string, reason: string) =>
    request<{ experiment: ExperimentView }>("POST", `/api/experiments/${enc(id)}/enrolments/${enc(clientId)}/withdraw`, { reason }),
  results: (id: string) => request<{ results: ExperimentResults }>("GET", `/api/experiments/${enc(id)}/results`),
};
