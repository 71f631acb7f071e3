/**
 * Small text answers sent ready-made. Hono's `compress` (app.ts) streams every compressible body
 * through a CompressionStream — a zlib stream and web-stream plumbing per response — also a
 * 30-byte `/api/health` answer or a half-kilobyte thank-you page, because a body made from a
 * string has no Content-Length yet to show it is small. The busiest small answers (the health
 * check, the client's link pages) go through `sendText` instead: under 1 KB as they are, up to
 * 16 KB gzipped in one call when the client takes gzip; a larger body is left to the streaming
 * compression, so a large page or download is never buffered whole.
 */
import { constants, crc32, deflateRawSync, gzipSync } from "node:zlib";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** Smaller bodies are not worth compressing (Hono's threshold too). */
const MIN_COMPRESSED_BYTES = 1024;
/** Bodies up to this size are gzipped in one call rather than as a stream. */
const MAX_ONE_CALL_BYTES = 16 * 1024;
/**
 * For those: the fastest level and a 16 KB window, which covers the whole body. On a 4 KB check-in
 * page that gives within 2 % of the default's size at a fraction of its time, and a compressor a
 * quarter of the default's memory is built and thrown away per answer.
 */
const ONE_CALL_GZIP = { level: 1, windowBits: 14, memLevel: 6 } as const;

/**
 * Whether an Accept-Encoding header takes `coding`: its own entry, else `*`, with a non-zero
 * weight (so `gzip;q=0` refuses gzip even beside `*`). The static files ask it for br and gzip.
 */
export function acceptsEncoding(header: string | undefined, coding: "br" | "gzip"): boolean {
  const weights = new Map<string, number>();
  for (const part of (header ?? "").split(",")) {
    const [name = "", ...params] = part.trim().toLowerCase().split(";");
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    if (name) weights.set(name, q === undefined ? 1 : Number(q));
  }
  return (weights.get(coding) ?? weights.get("*") ?? 0) > 0;
}

/** Answers a text body (HTML, JSON) with its length stated, gzipped here when that pays. */
export function sendText(c: Context, body: string, status: ContentfulStatusCode, contentType: string): Response {
  const bytes = Buffer.byteLength(body);
  if (bytes < MIN_COMPRESSED_BYTES) return c.body(body, status, { "Content-Type": contentType, "Content-Length": String(bytes) });
  if (bytes > MAX_ONE_CALL_BYTES) return c.body(body, status, { "Content-Type": contentType });
  c.header("Vary", "Accept-Encoding", { append: true });
  if (!acceptsEncoding(c.req.header("Accept-Encoding"), "gzip"))
    return c.body(body, status, { "Content-Type": contentType, "Content-Length": String(bytes) });
  const zipped = gzipSync(body, ONE_CALL_GZIP);
  return c.body(zipped, status, { "Content-Type": contentType, "Content-Encoding": "gzip", "Content-Length": String(zipped.byteLength) });
}

/**
 * A page made of fixed text around one short part that changes with every answer (a link page
 * around its token). The fixed parts are compressed once: a page is then gzipped per answer by
 * joining deflate data, the head's (flushed to a byte boundary, not final), the short part as a
 * stored block, the tail's (final), framed as one ordinary gzip member with the whole text's
 * CRC-32 and length. No compressor is built per answer.
 */
export class TextTemplate {
  readonly headBytes: number;
  readonly tailBytes: number;
  private zipped: { head: Buffer; headCrc: number; tail: Buffer; tailRaw: Buffer } | undefined;

  constructor(
    readonly head: string,
    readonly tail: string,
  ) {
    this.headBytes = Buffer.byteLength(head);
    this.tailBytes = Buffer.byteLength(tail);
  }

  /** The whole text with `middle` between the fixed parts. */
  text(middle: string): string {
    return this.head + middle + this.tail;
  }

  /** The whole text gzipped; `middle` must be under 64 KB (one stored block). */
  gzip(middle: string): Buffer<ArrayBuffer> {
    this.zipped ??= {
      head: deflateRawSync(this.head, { ...ONE_CALL_GZIP, finishFlush: constants.Z_SYNC_FLUSH }),
      headCrc: crc32(this.head),
      tail: deflateRawSync(this.tail, ONE_CALL_GZIP),
      tailRaw: Buffer.from(this.tail),
    };
    const { head, headCrc, tail, tailRaw } = this.zipped;
    const middleRaw = Buffer.from(middle);
    const length = middleRaw.byteLength;
    const out = Buffer.allocUnsafe(GZIP_HEADER.byteLength + head.byteLength + 5 + length + tail.byteLength + 8);
    let at = GZIP_HEADER.copy(out, 0);
    at += head.copy(out, at);
    // A stored block, not final: its three header bits padded to the byte (the head ended on one), then LEN and NLEN.
    out[at++] = 0;
    out.writeUInt16LE(length, at);
    out.writeUInt16LE(~length & 0xffff, at + 2);
    at += 4;
    at += middleRaw.copy(out, at);
    at += tail.copy(out, at);
    out.writeUInt32LE(crc32(tailRaw, crc32(middleRaw, headCrc)), at);
    out.writeUInt32LE((this.headBytes + length + this.tailBytes) % 2 ** 32, at + 4);
    return out;
  }
}

/** A gzip member's header: deflate, no flags, no time, no extra fields, made on Unix. */
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]);

/** Like `sendText` for a page made from a template around `middle`. */
export function sendTemplate(
  c: Context,
  template: TextTemplate,
  middle: string,
  status: ContentfulStatusCode,
  contentType: string,
): Response {
  const middleBytes = Buffer.byteLength(middle);
  const bytes = template.headBytes + middleBytes + template.tailBytes;
  if (bytes < MIN_COMPRESSED_BYTES || bytes > MAX_ONE_CALL_BYTES || middleBytes > 0xffff) {
    return sendText(c, template.text(middle), status, contentType);
  }
  c.header("Vary", "Accept-Encoding", { append: true });
  if (!acceptsEncoding(c.req.header("Accept-Encoding"), "gzip"))
    return c.body(template.text(middle), status, { "Content-Type": contentType, "Content-Length": String(bytes) });
  const zipped = template.gzip(middle);
  return c.body(zipped, status, { "Content-Type": contentType, "Content-Encoding": "gzip", "Content-Length": String(zipped.byteLength) });
}
