import { CHECKIN_CSS_PATH } from "../platform/link-page-style.js";
import { escapeHtml, linkPageDocument } from "../shared/html.js";

/** The invitation link's pages: server-rendered, no scripts (the CSP allows none), the check-in stylesheet. */

function layout(title: string, body: string): string {
  return linkPageDocument({ title, body, stylesheets: [CHECKIN_CSS_PATH] });
}

/** Unknown, used and expired invitations alike. */
export function unusableInvitationPage(): string {
  return layout(
    "Invitation",
    `<h1>This invitation can't be used</h1>
<p>It may have been used already or have expired. Ask the practice to invite you again.</p>`,
  );
}

export function joinPage(input: {
  practiceName: string;
  email: string;
  name: string;
  token: string;
  errors: Record<string, string>;
}): string {
  const error = (field: string) =>
    input.errors[field] ? `<p class="error" id="${field}-error">${escapeHtml(input.errors[field])}</p>` : "";
  const described = (field: string) => (input.errors[field] ? ` aria-invalid="true" aria-describedby="${field}-error"` : "");
  return layout(
    `Join ${input.practiceName}`,
    `<h1>Join ${escapeHtml(input.practiceName)} on Palpable</h1>
<p>You will sign in as <strong>${escapeHtml(input.email)}</strong>. Choose a password: a long phrase of unrelated words is easy to remember and hard to guess.</p>
<form method="post" action="/join/${escapeHtml(input.token)}">
<div class="field"><label for="name">Your name</label>
<input id="name" name="name" type="text" autocomplete="name" maxlength="120" value="${escapeHtml(input.name)}"${described("name")}>
${error("name")}</div>
<div class="field"><label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="new-password" minlength="12" maxlength="256" required${described("password")}>
${error("password")}</div>
<div class="field"><label for="confirm">The same password again</label>
<input id="confirm" name="confirm" type="password" autocomplete="new-password" maxlength="256" required${described("confirm")}>
${error("confirm")}</div>
<button type="submit">Join</button>
</form>`,
  );
}

export function addressTakenPage(practiceName: string): string {
  return layout(
    "Invitation",
    `<h1>This address already has an account</h1>
<p>Your e-mail address already has a Palpable account, and one address can belong to one practice only. Ask ${escapeHtml(practiceName)} to invite a different address of yours.</p>`,
  );
}

export function joinedPage(practiceName: string, email: string): string {
  return layout(
    "Welcome",
    `<h1>Welcome to ${escapeHtml(practiceName)}</h1>
<p>Your account is ready. <a href="/">Sign in</a> as ${escapeHtml(email)} with the password you chose.</p>`,
  );
}
