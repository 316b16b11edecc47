import "server-only";
// Sign-in attempts are limited per IP and per account (lib/rate-limit). The limiter fails closed for
// sign-in after repeated Redis errors, so a broken limiter cannot open the door to password guessing.
import { UserError } from "@/lib/errors";
import { checkRateLimit, clientIp } from "@/lib/rate-limit";

export async function guardSignIn(
  headers: Record<string, string | string[] | undefined> | Headers,
  email: string,
): Promise<void> {
  const verdict = await checkRateLimit("signIn", { ip: clientIp(headers), account: email });
  if (!verdict.ok) throw new UserError("rate_limited", verdict.message);
}
