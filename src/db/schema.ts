import type {
  AuthUserTable,
  AuthSessionTable,
  AuthAccountTable,
  AuthVerificationTable,
  AuthTwoFactorTable,
  AuthRateLimitTable,
} from "./tables/auth.js";
import type {
  PracticeTable,
  PractitionerTable,
  ClientTable,
  ClientDataVersionTable,
  ClientInjuryTable,
  ClientSelfCareTable,
  ClientConsentEventTable,
} from "./tables/clients.js";
import type { TrainingFileTable, ActivityTable, ActivityOutcomeTable, RunsLinkTable, RunsUploadTable } from "./tables/training.js";
import type {
  PracticeTechniqueTable,
  ComplaintTable,
  ProtocolTable,
  ProtocolVersionTable,
  TreatmentSessionTable,
  SessionComplaintTable,
  SessionFindingTable,
  SessionStepTable,
  SessionRevisionTable,
} from "./tables/clinical.js";
import type { AuditEventTable } from "./tables/audit.js";
import type {
  ConsentTextTable,
  IntakeLinkTable,
  IntakeSubmissionTable,
  ConsentSignatureTable,
  ConsentWithdrawalTable,
  ClientProfileRevisionTable,
} from "./tables/intake.js";
import type { QuestionnaireTable, QuestionnaireVersionTable } from "./tables/questionnaires.js";
import type { CaseReportTable } from "./tables/reports.js";
import type { FormDraftTable } from "./tables/drafts.js";
import type { SearchDocumentTable } from "./tables/search.js";
import type { SignInThrottleTable, TeamInvitationTable } from "./tables/security.js";
import type { ExperimentTable, ExperimentAmendmentTable, ExperimentEnrolmentTable } from "./tables/experiments.js";
import type {
  CheckinPlanTable,
  CheckinTable,
  CheckinAnswerTable,
  OutboxMessageTable,
  CheckinDeliveryTable,
  CheckinAutoScheduleTable,
} from "./tables/checkins.js";

export type * from "./tables/auth.js";
export type * from "./tables/clients.js";
export type * from "./tables/training.js";
export type * from "./tables/clinical.js";
export type * from "./tables/checkins.js";
export type * from "./tables/experiments.js";
export type * from "./tables/audit.js";
export type * from "./tables/reports.js";
export type * from "./tables/security.js";
export type * from "./tables/drafts.js";
export type * from "./tables/search.js";
export type * from "./tables/intake.js";

/**
 * Table types for Kysely. Our own tables store instants as ISO-8601 UTC text, calendar dates as
 * "YYYY-MM-DD" text and flags as 0/1 integers, so one repository works unchanged on SQLite and
 * PostgreSQL (see docs/DECISIONS.md). The auth_* tables belong to better-auth and use native
 * types where the dialect has them.
 */
export interface DatabaseSchema {
  auth_user: AuthUserTable;
  auth_session: AuthSessionTable;
  auth_account: AuthAccountTable;
  auth_verification: AuthVerificationTable;
  auth_two_factor: AuthTwoFactorTable;
  auth_rate_limit: AuthRateLimitTable;
  practice: PracticeTable;
  form_draft: FormDraftTable;
  search_document: SearchDocumentTable;
  practitioner: PractitionerTable;
  client: ClientTable;
  client_data_version: ClientDataVersionTable;
  client_injury: ClientInjuryTable;
  client_self_care: ClientSelfCareTable;
  client_consent_event: ClientConsentEventTable;
  training_file: TrainingFileTable;
  activity: ActivityTable;
  activity_outcome: ActivityOutcomeTable;
  runs_link: RunsLinkTable;
  runs_upload: RunsUploadTable;
  consent_text: ConsentTextTable;
  intake_link: IntakeLinkTable;
  intake_submission: IntakeSubmissionTable;
  consent_signature: ConsentSignatureTable;
  consent_withdrawal: ConsentWithdrawalTable;
  client_profile_revision: ClientProfileRevisionTable;
  questionnaire: QuestionnaireTable;
  questionnaire_version: QuestionnaireVersionTable;
  practice_technique: PracticeTechniqueTable;
  complaint: ComplaintTable;
  protocol: ProtocolTable;
  protocol_version: ProtocolVersionTable;
  treatment_session: TreatmentSessionTable;
  session_complaint: SessionComplaintTable;
  session_finding: SessionFindingTable;
  session_step: SessionStepTable;
  session_revision: SessionRevisionTable;
  checkin_plan: CheckinPlanTable;
  checkin: CheckinTable;
  checkin_answer: CheckinAnswerTable;
  outbox_message: OutboxMessageTable;
  checkin_delivery: CheckinDeliveryTable;
  experiment: ExperimentTable;
  experiment_amendment: ExperimentAmendmentTable;
  experiment_enrolment: ExperimentEnrolmentTable;
  checkin_auto_schedule: CheckinAutoScheduleTable;
  audit_events: AuditEventTable;
  case_report: CaseReportTable;
  sign_in_throttle: SignInThrottleTable;
  team_invitation: TeamInvitationTable;
}
