// Several domains following one outbox topic (lib/outbox/merge-handlers.ts): the handlers of a shared
// topic run in order on the same batch, their failures add up, none reports an event done early, and the
// merged handler retries as long as the most patient of them.
import { describe, expect, it } from "vitest";
import { mergeOutboxHandlers, type ClaimedOutboxEvent, type OutboxHandler } from "@/lib/outbox";

const events = [{ id: "e1" }, { id: "e2" }] as unknown as ClaimedOutboxEvent[];

describe("mergeOutboxHandlers", () => {
  it("keeps a topic only one set follows as it is", () => {
    const alone: OutboxHandler = { handle: async () => undefined };
    expect(mergeOutboxHandlers({ a: alone }, { b: { handle: async () => undefined } }).a).toBe(alone);
  });

  it("runs the handlers of a shared topic in order on the same batch, adding up their failures", async () => {
    const calls: string[] = [];
    const reported: string[] = [];
    const merged = mergeOutboxHandlers(
      {
        shared: {
          maxAttempts: 3,
          async handle(batch, context) {
            calls.push(`first:${batch.length}`);
            await context.completed("e1");
            return { failed: new Map([["e2", new Error("first")]]) };
          },
        },
      },
      {
        shared: {
          maxAttempts: Infinity,
          async handle(batch) {
            calls.push(`second:${batch.length}`);
            return { failed: new Map([["e1", new Error("second")]]) };
          },
        },
      },
    ).shared!;
    const result = await merged.handle(events, { completed: async (id) => void reported.push(id) });
    expect(calls).toEqual(["first:2", "second:2"]);
    expect([...(result?.failed?.keys() ?? [])].sort()).toEqual(["e1", "e2"]);
    // "e1" reported done by the first would have been lost to the second: nothing is reported early.
    expect(reported).toEqual([]);
    expect(merged.maxAttempts).toBe(Infinity);
  });

  it("a throwing handler fails the batch (the ones before it run again on the retry)", async () => {
    const merged = mergeOutboxHandlers(
      { shared: { handle: async () => undefined } },
      {
        shared: {
          handle: async () => {
            throw new Error("down");
          },
        },
      },
    ).shared!;
    await expect(merged.handle(events, { completed: async () => {} })).rejects.toThrow("down");
  });
});
