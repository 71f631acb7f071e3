import { decide, type Action, type PolicyActor, type PolicyResource } from "../shared/policy.js";
import { AppError } from "./errors.js";

/** A refusal that names the action: 403 with `action` in the body, so the caller knows what was refused. */
export function forbiddenAction(action: Action, message: string): AppError {
  return new AppError(403, "forbidden", message, undefined, { action });
}

/** Throws 403 naming the action unless the policy allows it (with the record's facts when the rule needs them). */
export function assertCan(actor: PolicyActor, action: Action, resource?: PolicyResource): void {
  const decision = decide(actor, action, resource);
  if (!decision.allowed) throw forbiddenAction(action, decision.message);
}
