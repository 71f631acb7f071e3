import { useState, type ReactNode } from "react";
import { api, errorMessage } from "../api";
import { AddMemberForm } from "../components/AddMemberForm";
import { PracticeExportPanel } from "../exports/PracticeExportPanel";
import { ErrorMessage, Loading } from "../components/Status";
import { useAsync } from "../components/useAsync";
import { useTitle } from "../components/useTitle";
import { formatDateOf, ROLE_LABELS } from "../format";
import { useCan, useMe } from "../session";
import type { Role, TeamMember } from "../types";

const ROLES: readonly Role[] = ["owner", "therapist", "assistant"];

export function TeamPage(): ReactNode {
  useTitle("Team");
  const me = useMe();
  const isOwner = useCan()("team.manage");
  const { state, reload, setData } = useAsync(() => api.team(), "team");
  const members = state.data?.members ?? [];
  const invitations = state.data?.invitations ?? [];

  return (
    <>
      <div className="page-header">
        <h1>Team</h1>
      </div>
      <p className="muted">Everyone who works in {me.practice.name}.</p>
      {state.status === "error" ? <ErrorMessage message={state.message} onRetry={reload} /> : null}
      {state.data ? (
        <MemberTable
          members={members}
          canEdit={isOwner}
          myId={me.practitioner.id}
          timeZone={me.practice.timeZone}
          onUpdated={(member) => setData({ members: members.map((m) => (m.id === member.id ? member : m)), invitations })}
        />
      ) : state.status === "loading" ? (
        <Loading label="Loading team…" />
      ) : null}
      {isOwner && invitations.length > 0 ? (
        <section className="card" aria-labelledby="invitations-heading">
          <h2 id="invitations-heading">Invited</h2>
          <ul>
            {invitations.map((invitation) => (
              <li key={invitation.id}>
                {invitation.name} ({invitation.email}), {ROLE_LABELS[invitation.role]}: invited{" "}
                {formatDateOf(invitation.invitedAt, me.practice.timeZone)}, link valid until{" "}
                {formatDateOf(invitation.expiresAt, me.practice.timeZone)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {isOwner ? (
        <AddMemberForm onAdded={(invitation) => setData({ members, invitations: [invitation, ...invitations] })} />
      ) : (
        <p className="muted">Only the practice owner can add practitioners or change roles.</p>
      )}
      <PracticeExportPanel practiceName={me.practice.name} />
    </>
  );
}

interface MemberTableProps {
  members: TeamMember[];
  canEdit: boolean;
  myId: string;
  timeZone: string;
  onUpdated: (member: TeamMember) => void;
}

function MemberTable({ members, canEdit, myId, timeZone, onUpdated }: MemberTableProps): ReactNode {
  const [error, setError] = useState<string | null>(null);
  const [savingId, setSavingId] = useState<string | null>(null);

  async function changeRole(member: TeamMember, value: string): Promise<void> {
    const role = ROLES.find((r) => r === value);
    if (!role || role === member.role) return;
    setSavingId(member.id);
    setError(null);
    try {
      const result = await api.setRole(member.id, role);
      onUpdated(result.member);
    } catch (err) {
      setError(`${member.name}: ${errorMessage(err)}`);
    } finally {
      setSavingId(null);
    }
  }

  async function changeGrant(member: TeamMember, granted: boolean): Promise<void> {
    setSavingId(member.id);
    setError(null);
    try {
      const result = await api.setClinicalNotesGrant(member.id, granted);
      onUpdated(result.member);
    } catch (err) {
      setError(`${member.name}: ${errorMessage(err)}`);
    } finally {
      setSavingId(null);
    }
  }

  return (
    <div className="table-wrap">
      <ErrorMessage message={error} />
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Practitioner</th>
            <th scope="col">Role</th>
            <th scope="col">Clinical notes</th>
            <th scope="col">Two-factor</th>
            <th scope="col">Added</th>
          </tr>
        </thead>
        <tbody>
          {members.map((member) => (
            <tr key={member.id}>
              <td>
                <div className="stack-tight">
                  <span>
                    <span className="table__primary">{member.name}</span>
                    {member.id === myId ? <span className="badge badge--muted">You</span> : null}
                  </span>
                  <span className="muted">{member.email}</span>
                </div>
              </td>
              <td>
                {canEdit && member.id !== myId ? (
                  <select
                    aria-label={`Role of ${member.name}`}
                    value={member.role}
                    disabled={savingId === member.id}
                    onChange={(event) => void changeRole(member, event.target.value)}
                  >
                    {ROLES.map((role) => (
                      <option key={role} value={role}>
                        {ROLE_LABELS[role]}
                      </option>
                    ))}
                  </select>
                ) : (
                  ROLE_LABELS[member.role]
                )}
              </td>
              <td>
                {member.role !== "assistant" ? (
                  "Yes"
                ) : canEdit ? (
                  <label className="checkbox">
                    <input
                      type="checkbox"
                      checked={member.clinicalNotesGranted}
                      disabled={savingId === member.id}
                      onChange={(event) => void changeGrant(member, event.target.checked)}
                    />{" "}
                    May read
                  </label>
                ) : member.clinicalNotesGranted ? (
                  "May read"
                ) : (
                  "No"
                )}
              </td>
              <td>
                {member.twoFactorEnabled ? <span className="badge badge--ok">On</span> : <span className="badge badge--muted">Off</span>}
              </td>
              <td>{formatDateOf(member.createdAt, timeZone)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
