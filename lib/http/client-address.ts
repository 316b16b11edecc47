// Which address a request came from, given how many reverse proxies in front of the store are trusted
// (TRUSTED_PROXY_HOPS). Pure functions: the web server (lib/http/web-server.ts) resolves the address once per
// request from the socket and X-Forwarded-For, and hands the app only that one address.
//
// The chain of addresses a request passed through is every X-Forwarded-For entry, left to right, then the
// peer of the socket. Each proxy appends the address it received the connection from, so with N trusted
// proxies the client is the entry N places left of the socket:
//   hops = 0  the socket's peer (nothing in front of the store; any X-Forwarded-For is the client's own text)
//   hops = 1  the last X-Forwarded-For entry (written by the one proxy)
//   hops = 2  the one before it, and so on.
// Everything further left was written by the client (or a proxy we do not trust) and is ignored, so a client
// cannot choose its own address by sending the header.
import { isIP } from "node:net";

/** More than this many proxies in front of a store is a configuration mistake, not a deployment. */
const MAX_TRUSTED_PROXY_HOPS = 10;

/** TRUSTED_PROXY_HOPS: unset or empty is 0; anything but a whole number from 0 to 10 is refused at start. */
export function parseTrustedProxyHops(value: string | undefined): number {
  const text = value?.trim() ?? "";
  if (text === "") return 0;
  if (!/^\d{1,2}$/.test(text) || Number(text) > MAX_TRUSTED_PROXY_HOPS) {
    throw new Error(
      `TRUSTED_PROXY_HOPS must be a whole number from 0 to ${MAX_TRUSTED_PROXY_HOPS} (the reverse proxies in front of the store), got "${value}"`,
    );
  }
  return Number(text);
}

/**
 * The bare IP address in what a proxy or a socket wrote: "203.0.113.7", "203.0.113.7:51234",
 * "[2001:db8::1]:443", "fe80::1%eth0" (zone ids dropped). Undefined when it is not an address.
 */
export function bareAddress(raw: string | undefined): string | undefined {
  let value = raw?.trim();
  if (!value) return undefined;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed?.[1]) value = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(":"));
  value = value.replace(/%.*$/, "");
  return isIP(value) ? value : undefined;
}

/**
 * The client's address for a request that arrived on a socket from `socketAddress` carrying `forwardedFor`
 * (the X-Forwarded-For value; repeated headers joined with commas, as Node does). With fewer entries than
 * trusted hops (a request that did not pass every proxy), the furthest address in the chain is used. When
 * the trusted entry is not an address (a proxy that writes something else), the socket's peer is used: that
 * is the proxy itself, so such requests share one bucket rather than trusting client text.
 */
export function resolveClientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | undefined,
  hops: number,
): string | undefined {
  // The socket's address comes from the kernel: it is an address (the app normalises it for keys).
  if (hops === 0) return socketAddress || undefined;
  const socket = bareAddress(socketAddress);
  if (!forwardedFor) return socket;
  const entries = forwardedFor.split(",");
  // entries[length - 1] is one hop left of the socket.
  const index = Math.max(0, entries.length - hops);
  return bareAddress(entries[index]) ?? socket;
}
