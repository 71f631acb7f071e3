import type { ReactNode } from "react";
import { ChangePasswordForm } from "../components/ChangePasswordForm";
import { TwoFactorPanel } from "../components/TwoFactorPanel";
import { useTitle } from "../components/useTitle";
import { ROLE_LABELS } from "../format";
import { useCan, useMe } from "../session";
import { PracticeSettingsPanel } from "../components/PracticeSettingsPanel";

export function AccountPage(): ReactNode {
  useTitle("Account");
  const me = useMe();
  const allowed = useCan();
  return (
    <div className="narrow">
      <h1>Account</h1>
      <section className="card" aria-labelledby="profile-heading">
        <h2 id="profile-heading">You</h2>
        <dl className="dl">
          <div className="dl__row">
            <dt>Name</dt>
            <dd>{me.user.name}</dd>
          </div>
          <div className="dl__row">
            <dt>Email</dt>
            <dd>{me.user.email}</dd>
          </div>
          <div className="dl__row">
            <dt>Role</dt>
            <dd>
              {ROLE_LABELS[me.practitioner.role]} at {me.practice.name}
            </dd>
          </div>
        </dl>
      </section>
      {allowed("practice.settings") ? <PracticeSettingsPanel /> : null}
      <ChangePasswordForm />
      <TwoFactorPanel />
    </div>
  );
}
