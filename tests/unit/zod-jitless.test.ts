// instrumentation-client.ts turns zod's jitless mode on without importing zod (so catalog pages do not load
// it): through the settings object zod 4 shares on globalThis. Checked in both orders, since zod may have
// been loaded before (here, by other modules) or after it (in the browser, the instrumentation runs first).
import { afterEach, describe, expect, it, vi } from "vitest";

const settings = () => (globalThis as { __zod_globalConfig?: { jitless?: boolean } }).__zod_globalConfig;

describe("zod jitless in the browser", () => {
  afterEach(() => {
    vi.resetModules();
    delete (globalThis as { __zod_globalConfig?: unknown }).__zod_globalConfig;
  });

  it("is on when the instrumentation runs before zod loads", async () => {
    delete (globalThis as { __zod_globalConfig?: unknown }).__zod_globalConfig;
    vi.resetModules();
    await import("@/instrumentation-client");
    const { z } = await import("zod");
    expect(z.config().jitless).toBe(true);
    expect(z.config()).toBe(settings());
  });

  it("is on when zod was loaded first", async () => {
    vi.resetModules();
    const { z } = await import("zod");
    await import("@/instrumentation-client");
    expect(z.config().jitless).toBe(true);
  });
});
