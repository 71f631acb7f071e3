/** Form drafts kept as the practitioner types (src/drafts). */

export interface FormDraftTable {
  practice_id: string;
  practitioner_id: string;
  /** Which form: "session:new:<client id>", "session:<id>", "complaint:new:<client id>", "protocol:new"… */
  form_key: string;
  /** The client the form is about, when it is about one (erasure deletes by it). */
  client_id: string | null;
  body_json: string;
  updated_at: string;
}
