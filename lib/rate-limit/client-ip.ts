// The client's IP address, for per-IP limits, from request headers.
//
// The store's web server (scripts/web-server.ts, which `npm start` and `npm run dev` run) resolves the
// client's address from the socket and TRUSTED_PROXY_HOPS (lib/http/client-address.ts) and replaces
// X-Forwarded-For with that one address before the app sees the request, so a client cannot choose its own
// "IP" by sending the header. This reads that address. (Served some other way, the same rule holds only if
// whatever is in front sets X-Forwarded-For to the connecting address; the last entry is read, the one
// nearest to the store.) No address counts as "unknown": one shared bucket, so limits still apply, to
// everyone without an address together.
//
// IPv6 clients are keyed by their /64: one subscriber usually holds a whole /64, so per-address limits
// would be free to dodge for them.
import { bareAddress } from "@/lib/http/client-address";

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
  const forwarded = header(headers, "x-forwarded-for")?.split(",");
  return normalizeIp(forwarded?.[forwarded.length - 1]) ?? UNKNOWN_IP;
}

/** A canonical key for an address: IPv4 as is, IPv6 as its /64; undefined when it is not an address. */
export function normalizeIp(raw: string | undefined): string | undefined {
  const value = bareAddress(raw);
  if (!value) return undefined;
  if (!value.includes(":")) return value;
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

/** The eight 16-bit groups of a valid IPv6 address (bareAddress already said it is one). */
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
