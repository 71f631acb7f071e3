import { BASE_TYPE_MASK, baseTypeSize } from "./base-types.js";
import { DEVELOPER_DATA_ID, FIELD_DESCRIPTION, type DecodedMessage } from "./message-schemas.js";
import type { FitDeveloperField } from "./types.js";

/** Enough for any real file (a handful of Connect IQ apps), small enough to bound memory. */
const MAX_DESCRIPTIONS = 1024;

interface DeveloperApplication {
  readonly applicationId: string | null;
  readonly manufacturerId: number | null;
}

/**
 * What developer_data_id and field_description messages have declared so far in the current FIT
 * file, so developer fields in later messages can be named and typed.
 */
export class DeveloperFieldRegistry {
  /** Bumped on every new description so plans compiled earlier know to look again. */
  version = 0;
  readonly #applications = new Map<number, DeveloperApplication>();
  readonly #fields = new Map<number, FitDeveloperField>();
  /** Every description seen in the whole stream, for the activity's output. */
  readonly described: FitDeveloperField[] = [];

  /** Chained FIT files each declare their own developer fields. */
  startFile(): void {
    this.#applications.clear();
    this.#fields.clear();
    this.version += 1;
  }

  addApplication(m: DecodedMessage): void {
    const s = DEVELOPER_DATA_ID.slots;
    const developerDataIndex = m.number(s.developerDataIndex);
    if (developerDataIndex === null) return;
    this.#applications.set(developerDataIndex, {
      applicationId: m.text(s.applicationId),
      manufacturerId: m.number(s.manufacturerId),
    });
  }

  /** Returns false when the description is unusable or the cap is reached. */
  addDescription(m: DecodedMessage): boolean {
    const s = FIELD_DESCRIPTION.slots;
    const developerDataIndex = m.number(s.developerDataIndex);
    const fieldDefinitionNumber = m.number(s.fieldDefinitionNumber);
    const fitBaseTypeId = m.number(s.fitBaseTypeId);
    if (developerDataIndex === null || fieldDefinitionNumber === null || fitBaseTypeId === null) return false;
    const baseType = fitBaseTypeId & BASE_TYPE_MASK;
    if (baseTypeSize(baseType) === 0) return false;
    if (this.described.length >= MAX_DESCRIPTIONS) return false;

    // Unlike Garmin's SDK we accept a description whose developer_data_id is missing: the field's
    // size comes from the definition anyway, and some writers (Wahoo ELEMNT) omit or damage it.
    const application = this.#applications.get(developerDataIndex);
    const field: FitDeveloperField = {
      developerDataIndex,
      fieldNumber: fieldDefinitionNumber,
      name: m.text(s.fieldName),
      units: m.text(s.units),
      baseType,
      scale: m.number(s.scale),
      offset: m.number(s.offset),
      nativeMesgNum: m.number(s.nativeMesgNum),
      nativeFieldNum: m.number(s.nativeFieldNum),
      applicationId: application?.applicationId ?? null,
      manufacturerId: application?.manufacturerId ?? null,
    };
    this.#fields.set(developerKey(developerDataIndex, fieldDefinitionNumber), field);
    this.described.push(field);
    this.version += 1;
    return true;
  }

  lookup(developerDataIndex: number, fieldNumber: number): FitDeveloperField | undefined {
    return this.#fields.get(developerKey(developerDataIndex, fieldNumber));
  }
}

function developerKey(developerDataIndex: number, fieldNumber: number): number {
  return (developerDataIndex << 8) | fieldNumber;
}
