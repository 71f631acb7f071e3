import { authTables } from "./20261128_0001_auth_tables.js";
import { practices } from "./20261128_0002_practices.js";
import { clients } from "./20261128_0003_clients.js";
import { clientConsents } from "./20261128_0004_client_consents.js";
import { training } from "./20261128_0005_training.js";
import { techniques } from "./20261128_0006_techniques.js";
import { complaints } from "./20261128_0007_complaints.js";
import { protocols } from "./20261128_0008_protocols.js";
import { treatmentSessions } from "./20261128_0009_treatment_sessions.js";
import { sessionRevisions } from "./20261128_0010_session_revisions.js";
import { checkins } from "./20261128_0011_checkins.js";
import { checkinDeliveries } from "./20261128_0012_checkin_deliveries.js";
import { consentByClientLink } from "./20261128_0013_consent_by_client_link.js";
import { deliveryUnsubscribe } from "./20261128_0014_delivery_unsubscribe.js";
import { experiments } from "./20261128_0015_experiments.js";
import { auditLog } from "./20261128_0016_audit_log.js";
import { protocolCheckinPlan } from "./20261128_0017_protocol_checkin_plan.js";
import { caseReports } from "./20261128_0018_case_reports.js";
import { rowVersions } from "./20261207_1250_row_versions.js";
import { clinicalNotesGrant } from "./20261207_1301_clinical_notes_grant.js";
import { signInThrottle } from "./20261207_1302_sign_in_throttle.js";
import { pagingIndexes } from "./20261207_1200_paging_indexes.js";
import { changeStamps } from "./20261207_1201_change_stamps.js";
import { answerStamps } from "./20261207_1202_answer_stamps.js";
import { resultReads } from "./20261209_1000_result_reads.js";
import { clientDataVersion } from "./20261210_1000_client_data_version.js";
import { patternsVersion } from "./20261210_1000_patterns_version.js";
import { openCheckins } from "./20261210_1200_open_checkins.js";
import { openCheckinsCount } from "./20261210_1200_open_checkins_count.js";
import { auditClientIndex } from "./20261211_0900_audit_client_index.js";
import { activityCountedIndex } from "./20261211_1000_activity_counted_index.js";
import { activityLegs } from "./20261207_1100_activity_legs.js";
import { teamInvitation } from "./20261207_1303_team_invitation.js";
import { sessionEnteredInError } from "./20261207_1400_session_entered_in_error.js";
import { formDraft } from "./20261207_1450_form_draft.js";
import { activityLabelVersion } from "./20261207_1150_activity_label_version.js";
import { runsLink } from "./20261207_1500_runs_link.js";
import { activityOutcome } from "./20261208_1200_activity_outcome.js";
import { intake } from "./20261208_1500_intake.js";
import { questionnaires } from "./20261208_1550_questionnaires.js";
import type { PalpableMigration } from "./types.js";
import { practiceLocale } from "./20261208_1400_practice_locale.js";
import { searchIndex } from "./20261208_1400_search_index.js";

/** Every migration, by name. Names sort in the order they run; never rename or edit a shipped one. */
export const migrations: Record<string, PalpableMigration> = {
  "20261128_0001_auth_tables": authTables,
  "20261128_0002_practices": practices,
  "20261128_0003_clients": clients,
  "20261128_0004_client_consents": clientConsents,
  "20261128_0005_training": training,
  "20261128_0006_techniques": techniques,
  "20261128_0007_complaints": complaints,
  "20261128_0008_protocols": protocols,
  "20261128_0009_treatment_sessions": treatmentSessions,
  "20261128_0010_session_revisions": sessionRevisions,
  "20261128_0011_checkins": checkins,
  "20261128_0012_checkin_deliveries": checkinDeliveries,
  "20261128_0013_consent_by_client_link": consentByClientLink,
  "20261128_0014_delivery_unsubscribe": deliveryUnsubscribe,
  "20261128_0015_experiments": experiments,
  "20261128_0016_audit_log": auditLog,
  "20261128_0017_protocol_checkin_plan": protocolCheckinPlan,
  "20261128_0018_case_reports": caseReports,
  "20261207_1200_paging_indexes": pagingIndexes,
  "20261207_1201_change_stamps": changeStamps,
  "20261207_1202_answer_stamps": answerStamps,
  "20261207_1100_activity_legs": activityLegs,
  "20261207_1250_row_versions": rowVersions,
  "20261207_1301_clinical_notes_grant": clinicalNotesGrant,
  "20261207_1302_sign_in_throttle": signInThrottle,
  "20261207_1303_team_invitation": teamInvitation,
  "20261207_1400_session_entered_in_error": sessionEnteredInError,
  "20261207_1450_form_draft": formDraft,
  "20261207_1150_activity_label_version": activityLabelVersion,
  "20261207_1500_runs_link": runsLink,
  "20261208_1400_practice_locale": practiceLocale,
  "20261208_1200_activity_outcome": activityOutcome,
  "20261208_1400_search_index": searchIndex,
  "20261208_1500_intake": intake,
  "20261208_1550_questionnaires": questionnaires,
  "20261209_1000_result_reads": resultReads,
  "20261210_1000_client_data_version": clientDataVersion,
  "20261210_1000_patterns_version": patternsVersion,
  "20261210_1200_open_checkins": openCheckins,
  "20261210_1200_open_checkins_count": openCheckinsCount,
  "20261211_0900_audit_client_index": auditClientIndex,
  "20261211_1000_activity_counted_index": activityCountedIndex,
};
