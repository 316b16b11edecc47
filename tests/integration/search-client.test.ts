// The store's Meilisearch client on the wire, against a real Meilisearch through a recording TCP relay:
// it asks for an uncompressed answer, which the engine then sends with a Content-Length in one piece.
// A compressed answer is streamed in chunks, and on this kind of connection every engine call waited
// about 40 ms for a delayed ACK (docs/benchmarks.md, bench:search).
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { meilisearchAvailable, startTestMeilisearch, type TestMeilisearch } from "../helpers/meilisearch";
import { createSearchEngine, meilisearchClient } from "@/lib/search/client";

interface Relay {
  host: string;
  /** Everything the client sent and the engine answered, as text (the tests send JSON only). */
  sent(): string;
  received(): string;
  close(): Promise<void>;
}

async function startRelay(target: URL): Promise<Relay> {
  const sent: Buffer[] = [];
  const received: Buffer[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port), target.hostname);
    sockets.add(client).add(upstream);
    client.on("data", (chunk: Buffer) => sent.push(chunk));
    upstream.on("data", (chunk: Buffer) => received.push(chunk));
    client.pipe(upstream).pipe(client);
    client.on("error", () => upstream.destroy());
    upstream.on("error", () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    host: `http://127.0.0.1:${port}`,
    sent: () => Buffer.concat(sent).toString("latin1"),
    received: () => Buffer.concat(received).toString("latin1"),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** The head of each HTTP response in a recorded stream, lower-cased. */
function responseHeads(stream: string): string[] {
  return stream
    .split(/(?=HTTP\/1\.1 \d{3})/)
    .filter((part) => part.startsWith("HTTP/1.1"))
    .map((part) => part.slice(0, part.indexOf("\r\n\r\n")).toLowerCase());
}

describe.skipIf(!meilisearchAvailable())("Meilisearch client on the wire", () => {
  let meili: TestMeilisearch;
  let relay: Relay;
  let indexName: string;

  beforeAll(async () => {
    meili = await startTestMeilisearch();
    indexName = `${meili.indexPrefix}_wire`;
    const documents = Array.from({ length: 40 }, (_, i) => ({
      id: i,
      title: `${i % 2 ? "Navy" : "Grey"} trail hoodie ${i}`,
      brand: `Brand ${i % 5}`,
    }));
    const admin = meili.admin(indexName).client;
    await admin
      .index(indexName)
      .updateSettings({ filterableAttributes: ["brand"] })
      .waitTask({ timeout: 60_000 });
    await admin.index(indexName).addDocuments(documents).waitTask({ timeout: 60_000 });
    relay = await startRelay(new URL(meili.host));
  });
  afterAll(async () => {
    await relay?.close();
    await meili?.dispose();
  });

  it("the app's search client gets uncompressed answers with a Content-Length, and correct results", async () => {
    const searchKey = (await meili.searcher(indexName)).client.config.apiKey!;
    const engine = createSearchEngine(relay.host, searchKey, indexName);
    const { results } = await engine.client.multiSearch({
      queries: [
        { indexUid: indexName, q: "hoodie", facets: ["brand"], limit: 5 },
        { indexUid: indexName, q: "navy hoodie", matchingStrategy: "all", limit: 0 },
      ],
    });
    expect(results[0]!.hits).toHaveLength(5);
    expect(results[0]!.facetDistribution?.brand).toMatchObject({ "Brand 0": 8 });
    expect(results[1]!.estimatedTotalHits).toBe(20);

    expect(relay.sent().toLowerCase()).toContain("accept-encoding: identity\r\n");
    const heads = responseHeads(relay.received());
    expect(heads).toHaveLength(1);
    expect(heads[0]).toMatch(/^http\/1\.1 200/);
    expect(heads[0]).toMatch(/\r\ncontent-length: \d+/);
    expect(heads[0]).not.toContain("content-encoding:");
    expect(heads[0]).not.toContain("transfer-encoding: chunked");
  });

  it("admin clients (indexing, settings) ask for uncompressed answers as well", async () => {
    const admin = meilisearchClient(relay.host, meili.masterKey);
    const before = relay.sent().length;
    const settings = await admin.index(indexName).getSettings();
    expect(settings.filterableAttributes).toEqual(["brand"]);
    expect(relay.sent().slice(before).toLowerCase()).toContain("accept-encoding: identity\r\n");
  });

  it("the search client rejects an engine that answers with an error, and one that does not answer in time", async () => {
    const wrongKey = createSearchEngine(relay.host, "not-a-key", indexName);
    const refused = await wrongKey.client.multiSearch({ queries: [{ indexUid: indexName, q: "hoodie" }] }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(Error);
    expect(String((refused as Error).cause)).toMatch(/Meilisearch answered 40[13]/);

    // An engine that accepts the connection and never answers: the search fails at the client's timeout
    // (and the search then falls back to PostgreSQL) instead of waiting for ever.
    const silent = net.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = silent.address() as net.AddressInfo;
      const stalled = createSearchEngine(`http://127.0.0.1:${port}`, "key", indexName);
      const error = await stalled.client.multiSearch({ queries: [{ indexUid: indexName, q: "hoodie" }] }).then(
        () => null,
        (caught: unknown) => caught,
      );
      expect((error as Error | null)?.cause).toMatchObject({ name: "MeilisearchRequestTimeOutError" });
    } finally {
      silent.close();
    }
  });
});
