import type { ReactNode } from "react";
import { ageFrom, daysUntil, formatCalendarDate, formatKm } from "../format";
import type { Client, GoalEvent, SelfCareEffect } from "../types";
import { EFFECT_LABELS, METHOD_LABELS } from "./HistoryRows";

function Row({ term, children }: { term: string; children: ReactNode }): ReactNode {
  return (
    <div className="dl__row">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

const none = <span className="muted">Not recorded</span>;

export function ContactCard({ client }: { client: Client }): ReactNode {
  const age = client.dateOfBirth ? ageFrom(client.dateOfBirth) : null;
  return (
    <section className="card" aria-labelledby="contact-heading">
      <h2 id="contact-heading">Contact</h2>
      <dl className="dl">
        <Row term="Email">{client.email ? <a href={`mailto:${client.email}`}>{client.email}</a> : none}</Row>
        <Row term="Phone">{client.phone ? <a href={`tel:${client.phone}`}>{client.phone}</a> : none}</Row>
        <Row term="Date of birth">
          {client.dateOfBirth ? `${formatCalendarDate(client.dateOfBirth)}${age !== null ? ` (age ${age})` : ""}` : none}
        </Row>
        <Row term="Time zone">{client.timeZone}</Row>
      </dl>
    </section>
  );
}

function countdown(date: string): string {
  const days = daysUntil(date);
  if (days === null) return "";
  if (days < 0) return "past";
  if (days === 0) return "today";
  if (days < 14) return `in ${days} day${days === 1 ? "" : "s"}`;
  return `in ${Math.round(days / 7)} weeks`;
}

function GoalEventText({ goal }: { goal: GoalEvent }): ReactNode {
  return (
    <div className="stack-tight">
      <strong>{goal.name}</strong>
      <span>
        {[goal.distanceKm !== null ? formatKm(goal.distanceKm) : "", goal.date ? formatCalendarDate(goal.date) : ""]
          .filter(Boolean)
          .join(" · ")}
        {goal.date ? <span className="muted"> ({countdown(goal.date)})</span> : null}
      </span>
    </div>
  );
}

export function RunningCard({ client }: { client: Client }): ReactNode {
  const { yearsRunning, weeklyKm, goalEvent } = client.running;
  return (
    <section className="card" aria-labelledby="running-heading">
      <h2 id="running-heading">Running background</h2>
      <dl className="dl">
        <Row term="Years running">{yearsRunning !== null ? String(yearsRunning) : none}</Row>
        <Row term="Weekly distance">{weeklyKm !== null ? formatKm(weeklyKm) : none}</Row>
        <Row term="Goal event">{goalEvent ? <GoalEventText goal={goalEvent} /> : none}</Row>
      </dl>
    </section>
  );
}

const SIDE_LABEL = { left: "left", right: "right", both: "both sides" } as const;

export function InjuriesCard({ client }: { client: Client }): ReactNode {
  return (
    <section className="card" aria-labelledby="injuries-heading">
      <h2 id="injuries-heading">Injury history</h2>
      {client.injuries.length === 0 ? (
        <p className="muted">No injuries recorded.</p>
      ) : (
        <ul className="item-list">
          {client.injuries.map((injury) => (
            <li key={injury.id}>
              <div className="item-list__head">
                <strong>{injury.description}</strong>
                <span className={`badge ${injury.resolved ? "badge--muted" : "badge--warn"}`}>
                  {injury.resolved ? "Resolved" : "Ongoing"}
                </span>
              </div>
              <p className="muted">
                {[
                  injury.region
                    ? `${injury.region}${injury.side ? `, ${SIDE_LABEL[injury.side]}` : ""}`
                    : injury.side
                      ? SIDE_LABEL[injury.side]
                      : "",
                  formatCalendarDate(injury.occurredOn),
                ]
                  .filter(Boolean)
                  .join(" · ") || "No region or date recorded"}
              </p>
              {injury.notes ? <p>{injury.notes}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

const EFFECT_BADGE: Record<SelfCareEffect, string> = {
  helped: "badge--ok",
  no_change: "badge--muted",
  worse: "badge--danger",
  unsure: "badge--muted",
};

export function SelfCareCard({ client }: { client: Client }): ReactNode {
  return (
    <section className="card" aria-labelledby="selfcare-heading">
      <h2 id="selfcare-heading">Self-care tried</h2>
      {client.selfCare.length === 0 ? (
        <p className="muted">Nothing recorded yet.</p>
      ) : (
        <ul className="item-list">
          {client.selfCare.map((item) => (
            <li key={item.id}>
              <div className="item-list__head">
                <strong>{METHOD_LABELS[item.method]}</strong>
                <span className={`badge ${EFFECT_BADGE[item.effect]}`}>{EFFECT_LABELS[item.effect]}</span>
              </div>
              {item.detail ? <p>{item.detail}</p> : null}
              {item.notes ? <p className="muted">{item.notes}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
