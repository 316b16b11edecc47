// What a shopper-facing lib function needs to know about the request that called it, to apply the
// store's rate limits (lib/rate-limit/policies.ts) before it writes anything: the client's address and the
// limiter. Server actions pass { ip: clientIp(await headers()), checkRateLimit }; tests pass a limiter of
// their own (createRateLimitCheck over a memory limiter).
import type { CheckRateLimit } from "./check";

export interface ShopperRequest {
  ip: string;
  checkRateLimit: CheckRateLimit;
}
