import { randomUUID } from "node:crypto";

/** Row ids are random UUIDs: unguessable, so an id alone never reveals how many clients a practice has. */
export function newId(): string {
  return randomUUID();
}

const ID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a value has the shape of an id `newId` makes (a UUID); says nothing of whether it exists. */
export function isIdShaped(value: string): boolean {
  return ID_SHAPE.test(value);
}
