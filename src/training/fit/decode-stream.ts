import { readNumber } from "./base-types.js";
import { fitCrc } from "./crc.js";
import { DeveloperFieldRegistry } from "./developer-fields.js";
import { FitParseError, WarningLog } from "./errors.js";
import { compileDefinition, PLAN_RECORD, PLAN_SUMMARY, resolveDeveloperFields, type MessagePlan, type PlanContext } from "./decode-plan.js";
import { readFileHeader, type FitFileHeader } from "./file-header.js";
import { FIT_EPOCH_SECONDS } from "./message-schemas.js";
import { RecordColumns, type RecordFieldSelection } from "./record-columns.js";
import { writeRecordFields } from "./record-writer.js";
import { SummaryCollector } from "./summary-collector.js";

const COMPRESSED_HEADER = 0x80;
const DEFINITION_HEADER = 0x40;
const DEVELOPER_DATA_FLAG = 0x20;
const LOCAL_TYPE_MASK = 0x0f;
const CRC_SIZE = 2;
/** Real files repeat a few dozen distinct definitions at most; a hostile one cannot grow the cache past this. */
const MAX_COMPILED_PLANS = 256;

/** Why decoding of one FIT file's messages stopped. */
const STOP_END = 0;
const STOP_CUT = 1; // a message runs past the end of the data (or of a truncated input)
const STOP_UNDEFINED = 2; // a data message uses a local type no definition declared
const STOP_NOT_ACTIVITY = 3; // file_id says this FIT file is not an activity

/**
 * Walks the byte stream: one or more chained FIT files, each a header, messages and a CRC.
 * Everything that is not fatal becomes a warning; see parse-fit.ts for what is.
 */
export class FitStreamDecoder implements PlanContext {
  readonly records: RecordColumns;
  readonly developer = new DeveloperFieldRegistry();
  readonly warnings = new WarningLog();
  readonly summaries: SummaryCollector;
  readonly #bytes: Uint8Array;
  readonly #view: DataView;
  readonly #plans: (MessagePlan | null)[] = new Array<MessagePlan | null>(16).fill(null);
  /**
   * Plans already compiled, by a hash of their definition's bytes: some devices repeat a few dozen
   * definitions hundreds of times over. Only plans whose compiling
   * warned of nothing and that carry no developer fields are kept; compiling one again would
   * give the same plan (its record columns are already allocated, and nothing else it reads
   * changes while the input is decoded).
   */
  readonly #compiled = new Map<number, { definition: Uint8Array; plan: MessagePlan }>();
  /** FIT seconds of the last timestamp seen in this file, the base of compressed timestamps; -1 = none. */
  #lastTimestamp = -1;
  #recordsFull = false;
  #stopAt = 0;

  constructor(bytes: Uint8Array, selection: RecordFieldSelection = "all") {
    this.#bytes = bytes;
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.records = new RecordColumns(bytes.length, selection);
    this.summaries = new SummaryCollector(this.developer, this.warnings);
  }

  /** Decodes every chained file; throws only when the very first header is unusable. */
  decode(): void {
    const bytes = this.#bytes;
    // The first header is always read, so empty input fails as "not FIT" too.
    let offset = 0;
    do {
      const reading = readFileHeader(bytes, offset);
      if (reading.kind !== "ok") {
        if (offset === 0) throw firstHeaderError(reading.kind, bytes);
        this.warnings.add(
          "trailing_bytes",
          `${bytes.length - offset} bytes after the last FIT file were ignored: they do not start another one.`,
          offset,
        );
        return;
      }
      offset = this.#decodeFile(offset, reading.header);
    } while (offset < bytes.length);
  }

  /** Decodes one FIT file starting at `start`; returns where the next one would begin. */
  #decodeFile(start: number, header: FitFileHeader): number {
    const bytes = this.#bytes;
    if (!header.headerCrcOk) {
      this.warnings.add("bad_header_crc", "A FIT file header's CRC does not match; its contents were used anyway.", start);
    }
    const dataStart = start + header.headerSize;
    const dataEnd = dataStart + header.dataSize;
    const available = Math.min(dataEnd, bytes.length);
    if (dataEnd > bytes.length) {
      this.warnings.add(
        "truncated",
        `The file is cut short: it ends at byte ${bytes.length}, ${dataEnd + CRC_SIZE - bytes.length} bytes before its declared end. Everything before the cut was kept.`,
        bytes.length,
      );
    } else if (dataEnd + CRC_SIZE > bytes.length) {
      this.warnings.add("truncated", "The file's final CRC is missing; its data could not be verified.", dataEnd);
    } else {
      const stored = bytes[dataEnd]! | (bytes[dataEnd + 1]! << 8);
      if (stored !== fitCrc(bytes, start, dataEnd)) {
        this.warnings.add("bad_file_crc", "The file's CRC does not match its contents; the data was read anyway.", dataEnd);
      }
    }

    this.#plans.fill(null);
    this.#lastTimestamp = -1;
    this.developer.startFile();
    this.summaries.startFile();
    const stop = this.#decodeMessages(dataStart, available);
    this.#reportStop(stop, available, dataEnd);
    return dataEnd + CRC_SIZE;
  }

  #reportStop(stop: number, available: number, dataEnd: number): void {
    const at = this.#stopAt;
    switch (stop) {
      case STOP_CUT:
        // When the input itself is cut, the "truncated" warning already says so.
        if (available === dataEnd) {
          this.warnings.add(
            "corrupt_data",
            `The message at byte ${at} runs past the end of the file's data; the rest of this file was skipped.`,
            at,
          );
        }
        return;
      case STOP_UNDEFINED:
        this.warnings.add(
          "corrupt_data",
          `The data message at byte ${at} uses a local message type that was never defined; the rest of this file was skipped.`,
          at,
        );
        return;
      case STOP_END:
      case STOP_NOT_ACTIVITY:
        return;
    }
  }

  /** The hot loop: one iteration per message, no allocation per record. */
  #decodeMessages(start: number, end: number): number {
    const view = this.#view;
    const plans = this.#plans;
    let pos = start;
    while (pos < end) {
      const header = view.getUint8(pos);
      let plan: MessagePlan | null | undefined;
      let headerTime = NaN;
      if ((header & COMPRESSED_HEADER) !== 0) {
        plan = plans[(header >> 5) & 0x03];
        headerTime = this.#compressedTimestamp(header & 0x1f, pos);
      } else if ((header & DEFINITION_HEADER) !== 0) {
        const next = this.#readDefinition(header, pos, end);
        if (next < 0) return STOP_CUT;
        pos = next;
        continue;
      } else {
        plan = plans[header & LOCAL_TYPE_MASK];
      }
      this.#stopAt = pos;
      if (!plan) return STOP_UNDEFINED;
      const next = pos + 1 + plan.size;
      if (next > end) return STOP_CUT;

      if (plan.kind === PLAN_RECORD) {
        if (!this.#recordsFull) this.#decodeRecord(plan, pos + 1, headerTime, this.#bytes.length - pos);
      } else if (plan.kind === PLAN_SUMMARY) {
        const stillActivity = this.summaries.decode(view, this.#bytes, plan, pos + 1, headerTime);
        if (!stillActivity) return STOP_NOT_ACTIVITY;
      }
      if (plan.timestampAt >= 0) {
        const timestamp = readNumber(view, pos + 1 + plan.timestampAt, plan.timestampKind);
        if (timestamp === timestamp) this.#lastTimestamp = timestamp;
      }
      pos = next;
    }
    return STOP_END;
  }

  /**
   * A compressed header carries only the low 5 bits of the time: it is an offset from the last
   * full timestamp, rolling over every 32 s.
   */
  #compressedTimestamp(offset: number, pos: number): number {
    const last = this.#lastTimestamp;
    if (last < 0) {
      this.warnings.add("timestamp_without_reference", "A compressed timestamp came before any full timestamp; its time is unknown.", pos);
      return NaN;
    }
    const lastLow = last % 32;
    const time = last - lastLow + offset + (offset < lastLow ? 32 : 0);
    this.#lastTimestamp = time;
    return time;
  }

  /** Parses and compiles a definition message; returns the next position, or -1 if it is cut. */
  #readDefinition(header: number, pos: number, end: number): number {
    const view = this.#view;
    this.#stopAt = pos;
    if (pos + 6 > end) return -1;
    // Architecture 0 is little-endian; Garmin's SDK treats any other value as big-endian.
    const littleEndian = view.getUint8(pos + 2) === 0;
    const globalNumber = view.getUint16(pos + 3, littleEndian);
    const fieldCount = view.getUint8(pos + 5);
    const fieldsAt = pos + 6;
    let next = fieldsAt + 3 * fieldCount;
    let developerFieldCount = 0;
    let developerFieldsAt = next;
    if ((header & DEVELOPER_DATA_FLAG) !== 0) {
      if (next + 1 > end) return -1;
      developerFieldCount = view.getUint8(next);
      developerFieldsAt = next + 1;
      next = developerFieldsAt + 3 * developerFieldCount;
    }
    if (next > end) return -1;
    const cacheable = (header & DEVELOPER_DATA_FLAG) === 0;
    // Keyed by a hash of the definition's bytes (architecture to last field), checked byte by byte.
    const bytes = this.#bytes;
    let key = 0x811c9dc5;
    if (cacheable) {
      for (let i = pos + 2; i < next; i++) key = Math.imul(key ^ bytes[i]!, 0x01000193);
      const known = this.#compiled.get(key);
      if (known && sameBytes(known.definition, bytes, pos + 2, next)) {
        this.#plans[header & LOCAL_TYPE_MASK] = known.plan;
        return next;
      }
    }
    const warningsBefore = this.warnings.added;
    const plan = compileDefinition(
      {
        bytes: this.#bytes,
        globalNumber,
        littleEndian,
        fieldsAt,
        fieldCount,
        developerFieldsAt,
        developerFieldCount,
        messageOffset: pos,
      },
      this,
    );
    this.#plans[header & LOCAL_TYPE_MASK] = plan;
    const clean = plan.developerFields.length === 0 && this.warnings.added === warningsBefore;
    if (cacheable && clean && this.#compiled.size < MAX_COMPILED_PLANS && !this.#compiled.has(key)) {
      this.#compiled.set(key, { definition: bytes.slice(pos + 2, next), plan });
    }
    return next;
  }

  #decodeRecord(plan: MessagePlan, at: number, headerTime: number, remainingBytes: number): void {
    const records = this.records;
    if (!records.reserveRow(at - 1, remainingBytes)) {
      this.#recordsFull = true;
      this.warnings.add("limit_reached", "Record memory budget reached; later records were dropped.", at - 1);
      return;
    }
    const view = this.#view;
    const row = records.count;
    if (headerTime === headerTime && plan.timestampColumn) {
      plan.timestampColumn.values[row] = (headerTime + FIT_EPOCH_SECONDS) * 1000;
    }
    if (plan.unresolvedDeveloperFields > 0 && plan.developerVersion !== this.developer.version) {
      resolveDeveloperFields(plan, this, at - 1);
    }
    writeRecordFields(view, at, row, plan.recordOps);
    if (plan.compressedSpeedDistanceAt >= 0) this.#decodeCompressedSpeedDistance(plan, at + plan.compressedSpeedDistanceAt, row);
    records.count = row + 1;
  }

  /** Three bytes: speed in 1/100 m/s (12 bits), then a wrapping distance counter in 1/16 m (12 bits). */
  #decodeCompressedSpeedDistance(plan: MessagePlan, at: number, row: number): void {
    const view = this.#view;
    const b0 = view.getUint8(at);
    const b1 = view.getUint8(at + 1);
    const b2 = view.getUint8(at + 2);
    if (b0 === 0xff && b1 === 0xff && b2 === 0xff) return;
    if (plan.speedColumn) plan.speedColumn.values[row] = (b0 | ((b1 & 0x0f) << 8)) / 100;
    const distance = this.records.accumulateCompressedDistance((b1 >> 4) | (b2 << 4));
    if (plan.distanceColumn) plan.distanceColumn.values[row] = distance / 16;
  }
}

function sameBytes(expected: Uint8Array, bytes: Uint8Array, from: number, to: number): boolean {
  if (expected.length !== to - from) return false;
  for (let i = 0; i < expected.length; i++) if (expected[i] !== bytes[from + i]) return false;
  return true;
}

function firstHeaderError(kind: "too_short" | "no_signature" | "bad_size", bytes: Uint8Array): FitParseError {
  switch (kind) {
    case "too_short":
      // A plausible header size byte means this is the start of a FIT file that got cut.
      return bytes.length > 0 && (bytes[0] === 12 || bytes[0] === 14)
        ? new FitParseError("truncated", "The file is cut short: it ends inside the FIT file header.")
        : new FitParseError("not_fit", "This is not a FIT file: it is too short to hold a FIT header.");
    case "no_signature":
      return new FitParseError("not_fit", 'This is not a FIT file: the ".FIT" signature is missing from its header.');
    case "bad_size":
      return new FitParseError("corrupt_header", `The FIT file header declares an impossible size of ${bytes[0] ?? 0} bytes.`);
  }
}
