// Runs in the browser before the app's own modules. zod, used by client components' form schemas, probes
// once whether it may compile validators with `new Function`; under the store's Content-Security-Policy
// (no 'unsafe-eval', lib/http/security-headers.ts) the probe is refused and the browser reports a policy
// violation on every page. Jitless mode skips the probe (and validates without compiled code).
//
// Set through the object zod keeps its settings in (globalThis.__zod_globalConfig, shared by every copy of
// zod 4 and read when zod loads) instead of importing zod here: an import would load all of zod (about
// 30 KB compressed, the largest script of a catalog page) on every page, most of which never use it.
// tests/unit/zod-jitless.test.ts checks that zod reads the setting, whichever of the two loads first.
const zodSettings = globalThis as typeof globalThis & { __zod_globalConfig?: { jitless?: boolean } };
zodSettings.__zod_globalConfig ??= {};
zodSettings.__zod_globalConfig.jitless = true;

// A module (its names stay its own), though it exports nothing.
export {};
