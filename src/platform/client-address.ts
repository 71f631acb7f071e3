import { isIP } from "node:net";
import type { TrustProxy } from "../shared/trust-proxy.js";

export { parseTrustProxy, type TrustProxy } from "../shared/trust-proxy.js";

/** "::ffff:10.0.0.1" (an IPv4 client on a dual-stack socket) → "10.0.0.1"; strips brackets and ports proxies may add. */
export function normaliseAddress(raw: string): string {
  let address = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed?.[1]) address = bracketed[1];
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(":"));
  if (/^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(address)) address = address.slice(7);
  return address.toLowerCase();
}

/**
 * Answers of each trusted-proxy list by address: the proxy in front asks the same question for
 * every request, and a BlockList check builds a socket address each time. Bounded; cleared when full.
 */
const trustedAnswers = new WeakMap<TrustProxy, Map<string, boolean>>();
const MAX_TRUST_ANSWERS = 1024;

function isTrustedAddress(trust: Extract<TrustProxy, { kind: "addresses" }>, address: string): boolean {
  let answers = trustedAnswers.get(trust);
  if (!answers) trustedAnswers.set(trust, (answers = new Map<string, boolean>()));
  let trusted = answers.get(address);
  if (trusted === undefined) {
    const family = isIP(address);
    trusted = family !== 0 && trust.list.check(address, family === 4 ? "ipv4" : "ipv6");
    if (answers.size >= MAX_TRUST_ANSWERS) answers.clear();
    answers.set(address, trusted);
  }
  return trusted;
}

/**
 * The client's address: the first untrusted hop, walking X-Forwarded-For from the right (the
 * socket's peer is the nearest hop). With a hop count N, the N nearest hops are trusted; with a
 * list, every hop on it is. A client can prepend anything to the header, so nothing left of the
 * first untrusted hop is believed.
 */
export function clientAddress(socketAddress: string | undefined, forwardedFor: string | undefined, trust: TrustProxy | undefined): string {
  const peer = socketAddress ? normaliseAddress(socketAddress) : "unknown";
  if (!trust || !forwardedFor) return peer;
  const forwarded = forwardedFor
    .split(",")
    .map((part) => normaliseAddress(part))
    .filter((part) => part !== "");
  // Nearest hop last: [client?, proxy1, ..., peer].
  const chain = [...forwarded, peer];
  if (trust.kind === "hops") {
    const index = Math.max(0, chain.length - 1 - trust.hops);
    return chain[index] ?? peer;
  }
  for (let index = chain.length - 1; index >= 0; index -= 1) {
    const hop = chain[index] as string;
    if (!isTrustedAddress(trust, hop)) return isIP(hop) ? hop : "invalid";
  }
  return chain[0] ?? peer;
}

/** Whether the socket's peer is a proxy we trust, so its X-Forwarded-Proto may be believed. */
export function isTrustedPeer(socketAddress: string | undefined, trust: TrustProxy | undefined): boolean {
  if (!trust || !socketAddress) return false;
  return trust.kind === "hops" || isTrustedAddress(trust, normaliseAddress(socketAddress));
}
