import type { ReactNode } from "react";
import { ErrorMessage, Loading } from "../components/Status";
import { useAsync } from "../components/useAsync";
import { useTitle } from "../components/useTitle";
import { formatDateOf } from "../format";
import { Link } from "../router";
import { useMe } from "../session";
import { experimentsApi } from "./api";
import { DESIGN_NAMES, STATUS_NAMES, statusBadgeClass } from "./plan-words";

/** `/experiments`: the practice's experiments, drafts first by last change. */
export function ExperimentsPage(): ReactNode {
  useTitle("Experiments");
  const me = useMe();
  const { state, reload } = useAsync(() => experimentsApi.list(), "experiments");

  return (
    <>
      <div className="page-header">
        <div>
          <h1>Experiments</h1>
          <p className="muted">Pre-registered small experiments: a hypothesis, who is eligible, the protocols and how success is judged.</p>
        </div>
        <div className="page-header__actions">
          <Link to="/experiments/new" className="button button--primary">
            New experiment
          </Link>
        </div>
      </div>
      {state.status === "error" ? <ErrorMessage message={state.message} onRetry={reload} /> : null}
      {!state.data ? (
        state.status === "loading" ? (
          <Loading label="Loading experiments…" />
        ) : null
      ) : state.data.experiments.length === 0 ? (
        <div className="empty">
          <p>No experiments yet. Write down a hunch as a hypothesis and pre-register it before enrolling clients.</p>
        </div>
      ) : (
        <div className="table-wrap">
          <table className="table experiments-table">
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Design</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  Clients
                </th>
                <th scope="col">Registered</th>
              </tr>
            </thead>
            <tbody>
              {state.data.experiments.map((experiment) => (
                <tr key={experiment.id}>
                  <td>
                    <Link to={`/experiments/${encodeURIComponent(experiment.id)}`} className="table__primary">
                      {experiment.title}
                    </Link>
                  </td>
                  <td>{DESIGN_NAMES[experiment.design]}</td>
                  <td>
                    <span className={statusBadgeClass(experiment.status)}>{STATUS_NAMES[experiment.status]}</span>
                  </td>
                  <td className="num">
                    <span title="enrolled of planned">
                      {experiment.enrolled} of {experiment.plannedClients}
                    </span>
                  </td>
                  <td>
                    {experiment.registeredAt ? (
                      formatDateOf(experiment.registeredAt, me.practice.timeZone)
                    ) : (
                      <span className="muted">Not yet</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
