import { readNumber } from "./base-types.js";
import type { MessagePlan } from "./decode-plan.js";
import type { DeveloperFieldRegistry } from "./developer-fields.js";
import type { WarningLog } from "./errors.js";
import { DecodedMessage, FIT_EPOCH_SECONDS, MESG, TIMESTAMP_FIELD } from "./message-schemas.js";
import { localTimeOffsetSeconds, toDeviceInfo, toEvent, toFileId, toLap, toLength, toSession, toSport } from "./summaries.js";
import type { FitDeviceInfo, FitEvent, FitFileId, FitLap, FitLength, FitSession, FitSport } from "./types.js";

const ACTIVITY_FILE_TYPE = 4;

/** Far above real files (an ultra with 100 m auto-laps has ~1,000 laps), low enough to bound memory. */
const LIMITS = { sessions: 1_000, laps: 20_000, lengths: 20_000, events: 100_000, devices: 1_000, sports: 1_000 } as const;

/** Decodes the non-record messages we keep and gathers them, file by file. */
export class SummaryCollector {
  readonly sessions: FitSession[] = [];
  readonly laps: FitLap[] = [];
  readonly lengths: FitLength[] = [];
  readonly events: FitEvent[] = [];
  readonly devices: FitDeviceInfo[] = [];
  readonly sports: FitSport[] = [];
  localTimeOffsetSeconds: number | null = null;
  /** file_id of the first activity file in the stream. */
  activityFileId: FitFileId | null = null;
  /** One entry per chained file: its file_id type, or null if it had none. */
  readonly fileTypes: (number | null)[] = [];
  #fileHasId = false;
  readonly #numbers = new Float64Array(64);
  readonly #strings = new Array<string | null>(64).fill(null);
  readonly #message = new DecodedMessage(this.#numbers, this.#strings);

  constructor(
    private readonly developer: DeveloperFieldRegistry,
    private readonly warnings: WarningLog,
  ) {}

  startFile(): void {
    this.fileTypes.push(null);
    this.#fileHasId = false;
  }

  /**
   * Decodes one summary message at `at` (after its header). `headerTime` is the FIT time from a
   * compressed header, or NaN. Returns false when file_id shows this file is not an activity.
   */
  decode(view: DataView, bytes: Uint8Array, plan: MessagePlan, at: number, headerTime: number): boolean {
    const schema = plan.schema;
    if (!schema) return true;
    const numbers = this.#numbers;
    const strings = this.#strings;
    const count = schema.fields.length;
    numbers.fill(NaN, 0, count);
    strings.fill(null, 0, count);

    const timestampSlot = schema.slotByFieldNumber[TIMESTAMP_FIELD];
    if (timestampSlot !== undefined && headerTime === headerTime) {
      numbers[timestampSlot] = (headerTime + FIT_EPOCH_SECONDS) * 1000;
    }
    for (const op of plan.slotOps) {
      const raw = readNumber(view, at + op.at, op.kind);
      if (raw === raw) numbers[op.slot] = (raw * op.multiplier) / op.divisor + op.addend;
    }
    for (const op of plan.textOps) {
      const field = bytes.subarray(at + op.at, at + op.at + op.size);
      strings[op.slot] = op.hex ? hexOf(field) : textOf(field);
    }
    return this.#collect(plan.globalNumber, at - 1);
  }

  #collect(globalNumber: number, messageOffset: number): boolean {
    const m = this.#message;
    switch (globalNumber) {
      case MESG.fileId:
        return this.#onFileId(toFileId(m));
      case MESG.developerDataId:
        this.developer.addApplication(m);
        return true;
      case MESG.fieldDescription:
        this.developer.addDescription(m);
        return true;
      case MESG.session:
        this.#push(this.sessions, LIMITS.sessions, toSession(m), messageOffset);
        return true;
      case MESG.lap:
        this.#push(this.laps, LIMITS.laps, toLap(m), messageOffset);
        return true;
      case MESG.length:
        this.#push(this.lengths, LIMITS.lengths, toLength(m), messageOffset);
        return true;
      case MESG.event:
        this.#push(this.events, LIMITS.events, toEvent(m), messageOffset);
        return true;
      case MESG.deviceInfo:
        this.#push(this.devices, LIMITS.devices, toDeviceInfo(m), messageOffset);
        return true;
      case MESG.sport:
        this.#push(this.sports, LIMITS.sports, toSport(m), messageOffset);
        return true;
      case MESG.activity:
        this.localTimeOffsetSeconds ??= localTimeOffsetSeconds(m);
        return true;
      default:
        return true;
    }
  }

  /** Only a file's first file_id counts; a known type other than activity ends that file. */
  #onFileId(fileId: FitFileId): boolean {
    if (this.#fileHasId) return true;
    this.#fileHasId = true;
    this.fileTypes[this.fileTypes.length - 1] = fileId.type;
    if (fileId.type === null) return true;
    if (fileId.type !== ACTIVITY_FILE_TYPE) return false;
    this.activityFileId ??= fileId;
    return true;
  }

  #push<T>(list: T[], limit: number, item: T, messageOffset: number): void {
    if (list.length < limit) {
      list.push(item);
      return;
    }
    this.warnings.add("limit_reached", `More than ${limit} messages of one kind; the extra ones were ignored.`, messageOffset);
  }
}

/** Stateless, so one decoder serves every file. */
const UTF8 = new TextDecoder("utf-8");

/** UTF-8 up to the first NUL, without replacement characters (as Garmin's SDK does). */
function textOf(field: Uint8Array): string | null {
  const nul = field.indexOf(0);
  const text = UTF8.decode(nul < 0 ? field : field.subarray(0, nul)).replace(/\uFFFD/g, "");
  return text.length > 0 ? text : null;
}

function hexOf(field: Uint8Array): string | null {
  if (field.every((byte) => byte === 0xff)) return null;
  return Array.from(field, (byte) => byte.toString(16).padStart(2, "0")).join("");
}
