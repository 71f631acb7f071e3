import { BASE_TYPE_MASK, baseTypeSize, numericReadKind } from "./base-types.js";
import type { DeveloperFieldRegistry } from "./developer-fields.js";
import type { WarningLog } from "./errors.js";
import { RECORD, RECORD_COMPRESSED_SPEED_DISTANCE_FIELD, SUMMARY_SCHEMAS, TIMESTAMP_FIELD, type MessageSchema } from "./message-schemas.js";
import type { Column, RecordColumns } from "./record-columns.js";
import { RecordFieldOp, RecordOpGroups } from "./record-writer.js";

/**
 * A definition message compiled once into what its data messages need: where each wanted field
 * sits, how to read it, and where its value goes. Data messages then run a flat loop over these
 * ops with no per-field lookups or allocations.
 */

export const PLAN_SKIP = 0;
export const PLAN_RECORD = 1;
export const PLAN_SUMMARY = 2;

/** Writes one numeric summary field into a slot of the scratch array. */
export class SlotOp {
  constructor(
    readonly kind: number,
    readonly at: number,
    readonly slot: number,
    readonly multiplier: number,
    readonly divisor: number,
    readonly addend: number,
  ) {}
}

/** Decodes a string (or hex bytes) summary field into a slot. */
export class TextOp {
  constructor(
    readonly at: number,
    readonly size: number,
    readonly slot: number,
    readonly hex: boolean,
  ) {}
}

interface DeveloperFieldSlot {
  readonly developerDataIndex: number;
  readonly fieldNumber: number;
  readonly at: number;
  readonly size: number;
}

export class MessagePlan {
  /**
   * Record only: the standard and developer fields to write, grouped by read kind. Rebuilt when
   * new developer field descriptions arrive (see {@link resolveDeveloperFields}).
   */
  recordOps: RecordOpGroups;
  developerVersion = -1;
  unresolvedDeveloperFields = 0;

  constructor(
    readonly globalNumber: number,
    readonly kind: number,
    readonly littleEndian: boolean,
    /** Bytes after the record header. */
    readonly size: number,
    readonly schema: MessageSchema | null,
    /** Record only: the standard fields, before developer fields are added. */
    readonly standardRecordOps: readonly RecordFieldOp[],
    readonly slotOps: readonly SlotOp[],
    readonly textOps: readonly TextOp[],
    /** Offset of a 4-byte timestamp field (253), or -1. */
    readonly timestampAt: number,
    readonly timestampKind: number,
    /** Record only: where compressed timestamps are written. */
    readonly timestampColumn: Column | null,
    /** Record only: offset of compressed_speed_distance, or -1. */
    readonly compressedSpeedDistanceAt: number,
    readonly speedColumn: Column | null,
    readonly distanceColumn: Column | null,
    readonly developerFields: readonly DeveloperFieldSlot[],
  ) {
    this.recordOps = RecordOpGroups.of(standardRecordOps);
  }
}

export interface PlanContext {
  readonly records: RecordColumns;
  readonly developer: DeveloperFieldRegistry;
  readonly warnings: WarningLog;
}

/** The raw bytes of one definition message, already bounds-checked by the caller. */
export interface DefinitionBytes {
  readonly bytes: Uint8Array;
  readonly globalNumber: number;
  readonly littleEndian: boolean;
  /** Offset of the first 3-byte field definition, and how many there are. */
  readonly fieldsAt: number;
  readonly fieldCount: number;
  readonly developerFieldsAt: number;
  readonly developerFieldCount: number;
  /** For warnings. */
  readonly messageOffset: number;
}

export function compileDefinition(definition: DefinitionBytes, context: PlanContext): MessagePlan {
  const { bytes, globalNumber, littleEndian } = definition;
  const isRecord = globalNumber === RECORD.globalNumber;
  const schema = isRecord ? RECORD : (SUMMARY_SCHEMAS.get(globalNumber) ?? null);
  const kind = isRecord ? PLAN_RECORD : schema ? PLAN_SUMMARY : PLAN_SKIP;

  const recordOps: RecordFieldOp[] = [];
  const slotOps: SlotOp[] = [];
  const textOps: TextOp[] = [];
  let timestampAt = -1;
  let timestampKind = -1;
  let compressedSpeedDistanceAt = -1;
  let at = 0;

  for (let i = 0; i < definition.fieldCount; i++) {
    const entry = definition.fieldsAt + 3 * i;
    const fieldNumber = bytes[entry]!;
    const size = bytes[entry + 1]!;
    const baseType = bytes[entry + 2]! & BASE_TYPE_MASK;
    const fieldAt = at;
    at += size;
    // A zero-size field holds nothing; skipping it also keeps per-message work proportional to bytes.
    if (size === 0) continue;
    const elementSize = baseTypeSize(baseType);
    if (elementSize === 0) {
      context.warnings.add(
        "invalid_base_type",
        `Field ${fieldNumber} of message ${globalNumber} declares unknown base type ${baseType}; it was skipped.`,
        definition.messageOffset,
      );
      continue;
    }
    // Like Garmin's SDK, a size that is not a whole number of elements makes the field invalid.
    if (size % elementSize !== 0) continue;
    const readKind = numericReadKind(baseType, littleEndian);

    if (fieldNumber === TIMESTAMP_FIELD && timestampAt < 0 && elementSize === 4 && readKind >= 0) {
      timestampAt = fieldAt;
      timestampKind = readKind;
    }
    if (!schema) continue;
    if (isRecord && fieldNumber === RECORD_COMPRESSED_SPEED_DISTANCE_FIELD && size >= 3) {
      compressedSpeedDistanceAt = fieldAt;
      continue;
    }
    const slot = schema.slotByFieldNumber[fieldNumber];
    const spec = slot === undefined ? undefined : schema.fields[slot];
    if (slot === undefined || !spec) continue;

    if (spec.kind === "string" || spec.kind === "hex") {
      textOps.push(new TextOp(fieldAt, size, slot, spec.kind === "hex"));
      continue;
    }
    // A numeric field holding a string cannot be read as a number.
    if (readKind < 0) continue;
    // For arrays only the first element is read, as the SDK does for fields the profile calls scalar.
    if (!isRecord) {
      slotOps.push(new SlotOp(readKind, fieldAt, slot, spec.multiplier, spec.divisor, spec.addend));
      continue;
    }
    const column = recordColumn(context, slot, definition.messageOffset);
    if (column && !column.skipped) recordOps.push(new RecordFieldOp(readKind, fieldAt, column, spec.multiplier, spec.divisor, spec.addend));
  }

  const developerFields: DeveloperFieldSlot[] = [];
  for (let i = 0; i < definition.developerFieldCount; i++) {
    const entry = definition.developerFieldsAt + 3 * i;
    const size = bytes[entry + 1]!;
    if (isRecord && size > 0) {
      developerFields.push({ fieldNumber: bytes[entry]!, size, developerDataIndex: bytes[entry + 2]!, at });
    }
    at += size;
  }

  const timestampColumn = isRecord ? recordColumn(context, RECORD.slots.timestamp, definition.messageOffset) : null;
  const wantsCompressed = compressedSpeedDistanceAt >= 0;
  const speedColumn = wantsCompressed ? recordColumn(context, RECORD.slots.speed, definition.messageOffset) : null;
  const distanceColumn = wantsCompressed ? recordColumn(context, RECORD.slots.distance, definition.messageOffset) : null;

  const plan = new MessagePlan(
    globalNumber,
    kind,
    littleEndian,
    at,
    schema,
    recordOps,
    slotOps,
    textOps,
    timestampAt,
    timestampKind,
    timestampColumn,
    speedColumn && distanceColumn ? compressedSpeedDistanceAt : -1,
    speedColumn,
    distanceColumn,
    developerFields,
  );
  if (developerFields.length > 0) resolveDeveloperFields(plan, context, definition.messageOffset);
  return plan;
}

function recordColumn(context: PlanContext, slot: number, messageOffset: number): Column | null {
  const column = context.records.column(slot);
  if (!column) {
    context.warnings.add("limit_reached", "Record memory budget reached; some record fields were dropped.", messageOffset);
  }
  return column;
}

/**
 * (Re)builds a record plan's developer-field ops from the descriptions known now. Descriptions
 * may legally arrive after the definition that uses them, so the decoder calls this again
 * whenever new ones appeared and some fields are still unknown. Cost is linear in the number of
 * developer fields, each of which occupies at least one byte of the message being decoded.
 */
export function resolveDeveloperFields(plan: MessagePlan, context: PlanContext, messageOffset: number): void {
  const ops: RecordFieldOp[] = [];
  let unresolved = 0;
  for (const slot of plan.developerFields) {
    const field = context.developer.lookup(slot.developerDataIndex, slot.fieldNumber);
    if (!field) {
      unresolved += 1;
      continue;
    }
    // Only single numbers become columns; arrays and strings are described but not decoded.
    const kind = numericReadKind(field.baseType, plan.littleEndian);
    if (kind < 0 || slot.size !== baseTypeSize(field.baseType)) continue;
    const column = context.records.developerColumn(field);
    if (!column) {
      context.warnings.add("limit_reached", "Too many developer fields on records; extra ones were skipped.", messageOffset);
      continue;
    }
    if (column.skipped) continue;
    ops.push(new RecordFieldOp(kind, slot.at, column, 1, 1, 0));
  }
  plan.recordOps = RecordOpGroups.of([...plan.standardRecordOps, ...ops]);
  plan.unresolvedDeveloperFields = unresolved;
  plan.developerVersion = context.developer.version;
}
