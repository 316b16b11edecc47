// The client's IP address, for per-IP limits, from request headers.
//
// The store must sit behind a reverse proxy (or platform) that SETS X-Forwarded-For to the address it
// received the connection from, replacing whatever the client sent (nginx:
// `proxy_set_header X-Forwarded-For $remote_addr;`; Vercel and most load balancers do this). We read the
// first hop, so a proxy that only APPENDS to a client-supplied header lets a client pick its own "IP"
// and walk around every per-IP limit. `next start` without a proxy fills X-Forwarded-For from the socket
// only when the request has none, so direct exposure is spoofable the same way. Then X-Real-IP, then
// "unknown" (which is one shared bucket: limits still apply, to everyone without an address together).
//
// IPv6 clients are keyed by their /64: one subscriber usually holds a whole /64, so per-address limits
// would be free to dodge for them.
import { isIP } from "node:net";

export type HeaderSource = { get(name: string): string | null } | Record<string, string | string[] | undefined>;

export const UNKNOWN_IP = "unknown";

function header(headers: HeaderSource, name: string): string | undefined {
  if (typeof headers.get === "function")
    return (headers as { get(name: string): string | null }).get(name) ?? undefined;
  const record = headers as Record<string, string | string[] | undefined>;
  // Node's IncomingHttpHeaders are lower-case already; plain records written by hand may not be.
  const value = record[name] ?? Object.entries(record).find(([key]) => key.toLowerCase() === name)?.[1];
  return Array.isArray(value) ? value.join(",") : value;
}

export function clientIp(headers: HeaderSource): string {
  const forwarded = header(headers, "x-forwarded-for")?.split(",")[0];
  return normalizeIp(forwarded) ?? normalizeIp(header(headers, "x-real-ip")) ?? UNKNOWN_IP;
}

/** A canonical key for an address: IPv4 as is, IPv6 as its /64; undefined when it is not an address. */
export function normalizeIp(raw: string | undefined): string | undefined {
  let value = raw?.trim();
  if (!value) return undefined;
  // "[2001:db8::1]:443" and "203.0.113.7:51234" (some proxies keep the port).
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed?.[1]) value = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(":"));
  value = value.replace(/%.*$/, ""); // IPv6 zone id
  const version = isIP(value);
  if (version === 4) return value;
  if (version !== 6) return undefined;
  const groups = expandIpv6(value);
  if (!groups) return undefined;
  // IPv4-mapped (::ffff:a.b.c.d): the IPv4 client it really is.
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) {
    const high = groups[6] ?? 0;
    const low = groups[7] ?? 0;
    return [high >> 8, high & 0xff, low >> 8, low & 0xff].join(".");
  }
  return `${groups
    .slice(0, 4)
    .map((group) => group.toString(16))
    .join(":")}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address (isIP already said it is one). */
function expandIpv6(address: string): number[] | undefined {
  let text = address.toLowerCase();
  // A trailing dotted IPv4 part stands for the last two groups.
  const dotted = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const parse = (part: string) => (part === "" ? [] : part.split(":").map((group) => parseInt(group, 16)));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? missing !== 0 : missing < 0) return undefined;
  const groups = [...left, ...new Array<number>(missing).fill(0), ...right];
  return groups.every((group) => Number.isInteger(group) && group >= 0 && group <= 0xffff) ? groups : undefined;
}
