import { describe, expect, it } from "vitest";
import {
  LONGEST_WAIT_MS,
  streamSettled,
  whenStreamSettled,
  type StreamedDocument,
} from "@/components/ui/stream-settled";

/** A document whose parse state and unrevealed parts the test sets. */
function fakeDocument(readyState: string, unrevealed: string[]): StreamedDocument & { state: string; parts: string[] } {
  return {
    state: readyState,
    parts: unrevealed,
    get readyState() {
      return this.state;
    },
    querySelector(selectors: string) {
      const wanted = selectors.split(",").map((s) => s.trim());
      return this.parts.find((part) => wanted.includes(part)) ?? null;
    },
  };
}

const MARKER = 'template[id^="B:"]';
const SEGMENT = 'div[hidden][id^="S:"]';

describe("streamSettled", () => {
  it("is false while the HTML is still arriving", () => {
    expect(streamSettled(fakeDocument("loading", []))).toBe(false);
  });
  it("is false while a boundary marker or a hidden segment waits for its reveal", () => {
    expect(streamSettled(fakeDocument("interactive", [MARKER]))).toBe(false);
    expect(streamSettled(fakeDocument("complete", [SEGMENT]))).toBe(false);
  });
  it("is true once the document is parsed and everything is revealed", () => {
    expect(streamSettled(fakeDocument("interactive", []))).toBe(true);
    expect(streamSettled(fakeDocument("complete", []))).toBe(true);
  });
});

describe("whenStreamSettled", () => {
  it("resolves when the last segment is revealed", async () => {
    const doc = fakeDocument("loading", [SEGMENT]);
    let waits = 0;
    await whenStreamSettled(doc, async () => {
      waits += 1;
      if (waits === 2) doc.state = "complete";
      if (waits === 4) doc.parts = [];
    });
    expect(waits).toBe(4);
  });
  it("resolves at once on a settled page", async () => {
    let waits = 0;
    await whenStreamSettled(fakeDocument("complete", []), async () => void (waits += 1));
    expect(waits).toBe(0);
  });
  it("gives up after the longest wait when a part stays open", async () => {
    let waited = 0;
    await whenStreamSettled(fakeDocument("loading", [MARKER]), async (ms) => void (waited += ms));
    expect(waited).toBe(LONGEST_WAIT_MS);
  });
});
