// The store's mode, the one switch between a demo and a real store. `npm start` decides it once
// (decideStoreMode) and hands it to the web server and the worker in STORE_MODE; everything else reads
// it through storeMode().
//
//   demo        the embedded database (or STORE_MODE=demo): the built-in test payment provider, the
//               development mailbox at /dev/mail and generated secrets exist, for trying the store out;
//   production  anything else: real payments (Stripe) and real email (SMTP) only; without them the store
//               refuses to take orders / keeps emails queued instead of pretending.
//
// A process that was not given STORE_MODE (a bare `next start`, a platform's own start command) is in
// production mode: the demo conveniences have to be asked for, they are never a fallback.

export type StoreMode = "demo" | "production";

type Env = Readonly<Record<string, string | undefined>>;

export function storeMode(env: Env = process.env): StoreMode {
  return env.STORE_MODE?.trim() === "demo" ? "demo" : "production";
}

export function isDemoMode(env: Env = process.env): boolean {
  return storeMode(env) === "demo";
}

export interface StoreModeDecision {
  mode: StoreMode;
  /** Why, for the start banner. */
  reason: string;
}

/**
 * What `npm start` runs as: STORE_MODE when set (only "demo" or "production"; a typo is refused rather than
 * read as production), otherwise demo on the embedded database and production on DATABASE_URL.
 */
export function decideStoreMode(env: Env = process.env): StoreModeDecision {
  const explicit = env.STORE_MODE?.trim();
  if (explicit) {
    if (explicit !== "demo" && explicit !== "production") {
      throw new Error(`STORE_MODE must be "demo" or "production" (it is "${explicit}").`);
    }
    return { mode: explicit, reason: `STORE_MODE=${explicit}` };
  }
  return env.DATABASE_URL
    ? { mode: "production", reason: "DATABASE_URL is set" }
    : { mode: "demo", reason: "embedded database" };
}
