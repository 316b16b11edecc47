// Runs in the browser before the app's own modules. zod, used by client components' form schemas, probes
// once whether it may compile validators with `new Function`; under the store's Content-Security-Policy
// (no 'unsafe-eval', lib/http/security-headers.ts) the probe is refused and the browser reports a policy
// violation on every page. Jitless mode skips the probe (and validates without compiled code).
import { z } from "zod";

z.config({ jitless: true });
