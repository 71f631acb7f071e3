/**
 * A small form body, read as text with a size cap. Under Node's server (@hono/node-server) it is
 * read from Node's own request stream: asking Hono for the body instead builds a whole web
 * `Request` (an AbortController, a ReadableStream over the socket) for every submission, which
 * costs more than the rest of a check-in answer's handling outside the database. Elsewhere (tests
 * calling `app.request`), the web request's body is read with the same cap.
 */
import type { IncomingMessage } from "node:http";
import type { Context } from "hono";

/** The body as text, or undefined when it is larger than `maxBytes` (read no further than that). */
export async function readSmallBody(c: Context, maxBytes: number): Promise<string | undefined> {
  const declared = Number(c.req.header("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) return undefined;
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  const chunks: Uint8Array[] = [];
  let size = 0;
  const source = incoming ?? c.req.raw.body;
  if (!source) return "";
  for await (const chunk of source as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    // A body without a length, or longer than it said: stop at the cap.
    if (size > maxBytes) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size).toString("utf8");
}
