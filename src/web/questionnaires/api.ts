import { request } from "../api";
import type { QuestionnaireView } from "../../questionnaires/schema";

const enc = encodeURIComponent;

export type Questionnaire = QuestionnaireView;

/** The practice's own questionnaires and its UWRI wording. */
export const questionnaireApi = {
  list: () => request<{ questionnaires: Questionnaire[] }>("GET", "/api/questionnaires"),
  create: (definition: object) => request<{ questionnaire: Questionnaire }>("POST", "/api/questionnaires", definition),
  revise: (id: string, version: number, definition: object) =>
    request<{ questionnaire: Questionnaire }>("PUT", `/api/questionnaires/${enc(id)}`, { ...definition, version }),
  saveUwriWording: (version: number | null, wording: object) =>
    request<{ questionnaire: Questionnaire }>("PUT", "/api/uwri-wording", version === null ? wording : { ...wording, version }),
};
