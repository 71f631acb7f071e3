import { BlockList, isIP } from "node:net";

/**
 * Which reverse proxies to believe (PALPABLE_TRUST_PROXY): a number of hops in front of the
 * server, or the proxies' addresses (single addresses or CIDR ranges). Without it, the socket's
 * address is the client and X-Forwarded-* headers are ignored, since anyone can send them.
 */
export type TrustProxy = { kind: "hops"; hops: number } | { kind: "addresses"; list: BlockList; text: string[] };

/** Reads PALPABLE_TRUST_PROXY: "2", or "10.0.0.1, 172.16.0.0/12, ::1". Throws naming the bad part. */
export function parseTrustProxy(value: string | undefined): TrustProxy | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops < 1 || hops > 20)
      throw new Error(`PALPABLE_TRUST_PROXY must be a hop count from 1 to 20 or a list of addresses, got "${text}"`);
    return { kind: "hops", hops };
  }
  const list = new BlockList();
  const entries = text
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [address = "", prefix] = entry.split("/");
    const family = isIP(address);
    if (family === 0) throw new Error(`PALPABLE_TRUST_PROXY: "${entry}" is not an IP address or CIDR range`);
    const type = family === 4 ? "ipv4" : "ipv6";
    if (prefix === undefined) {
      list.addAddress(address, type);
      continue;
    }
    const bits = Number(prefix);
    if (!/^\d+$/.test(prefix) || bits > (family === 4 ? 32 : 128)) {
      throw new Error(`PALPABLE_TRUST_PROXY: "${entry}" has an invalid prefix length`);
    }
    list.addSubnet(address, bits, type);
  }
  return { kind: "addresses", list, text: entries };
}
