import { randomUUID } from "node:crypto";

/** Row ids are random UUIDs: unguessable, so an id alone never reveals how many clients a practice has. */
export function newId(): string {
  return randomUUID();
}
