// Meilisearch clients. Two roles, two keys: `adminClient` (master/admin key) indexes and changes
// settings and only runs in scripts and the worker; `searchClient` holds a search-only key and is what
// request handlers use, so a leak from the web process cannot write to or delete the index.
import http from "node:http";
import https from "node:https";
import { Meilisearch, type Key } from "meilisearch";
import { readSearchConfig, type SearchConfig } from "./config";

export interface SearchEngine {
  client: Meilisearch;
  indexName: string;
}

// Searches answer a shopper who is waiting: a stuck engine must fail fast so the PostgreSQL fallback
// can answer instead. Indexing calls may take longer.
const SEARCH_TIMEOUT_MS = Number(process.env.MEILI_SEARCH_TIMEOUT_MS ?? 1_500);
const ADMIN_TIMEOUT_MS = 30_000;

/**
 * Every Meilisearch client of the store: the official client over Node's fetch (kept-alive sockets),
 * asking for uncompressed answers. fetch sends `Accept-Encoding: gzip, deflate, br` unless told
 * otherwise; Meilisearch then compresses the answer and streams it in chunks, and the chunk after the
 * first waited for the client's delayed ACK (Nagle on the engine's socket): about 40 ms on every call,
 * four times what the engine needs for a search. Uncompressed, the answer has a Content-Length and is
 * written in one piece. Search answers are a few kilobytes, so compression saves nothing worth 40 ms.
 */
export function meilisearchClient(host: string, apiKey: string, timeout?: number): Meilisearch {
  return new Meilisearch({ host, apiKey, timeout, requestInit: { headers: { "Accept-Encoding": "identity" } } });
}

// An idle socket is closed here after 4 s, before the engine's own keep-alive (actix-web: 5 s) closes it:
// a search never picks a socket the engine is closing (ECONNRESET, then the PostgreSQL fallback), as
// undici's 4 s keep-alive timeout ensures for fetch. Node destroys only free sockets on this timeout.
const agentOptions = { keepAlive: true, timeout: 4_000 };
const keepAlive = { "http:": new http.Agent(agentOptions), "https:": new https.Agent(agentOptions) };

/**
 * The search-only client's transport: node:http on kept-alive sockets instead of fetch. A search waits
 * on one engine call, and fetch's own machinery (Request and Response objects, web streams, abort
 * signals) cost about 0.5 ms of each, an eighth of what the engine needs for a search
 * (docs/benchmarks.md, bench:search). The client still builds the request (URL, headers, body, the
 * timeout's abort signal); a failed or non-2xx answer rejects, which the client reports as a failed
 * request (the search then falls back to PostgreSQL).
 */
function nodeHttpTransport(input: Parameters<typeof fetch>[0], init: RequestInit = {}): Promise<unknown> {
  const url = new URL(input instanceof Request ? input.url : input);
  const body = typeof init.body === "string" ? Buffer.from(init.body) : undefined;
  const headers: Record<string, string | number> = Object.fromEntries(new Headers(init.headers));
  if (body) headers["content-length"] = body.length;
  const { signal } = init;
  return new Promise((resolve, reject) => {
    // The client's timeout aborts the signal with its own reason (not an Error), which it recognises and
    // reports as a timeout: the promise rejects with exactly that reason.
    const abort = () => reject(signal!.reason); // eslint-disable-line @typescript-eslint/prefer-promise-reject-errors
    if (signal?.aborted) return abort();
    const send = url.protocol === "https:" ? https.request : http.request;
    const request = send(
      url,
      { method: init.method ?? "GET", headers, agent: keepAlive[url.protocol === "https:" ? "https:" : "http:"] },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let answer: unknown;
          try {
            answer = text === "" ? undefined : JSON.parse(text);
          } catch {
            return reject(new Error(`Meilisearch answered ${response.statusCode} with a body that is not JSON`));
          }
          const status = response.statusCode ?? 0;
          if (status >= 200 && status < 300) return resolve(answer);
          const message = (answer as { message?: unknown } | undefined)?.message;
          reject(new Error(`Meilisearch answered ${status}: ${typeof message === "string" ? message : text}`));
        });
      },
    );
    request.on("error", reject);
    signal?.addEventListener(
      "abort",
      () => {
        abort();
        request.destroy();
      },
      { once: true },
    );
    request.end(body);
  });
}

/** A client for searching only (the search-only key): every call is a search a shopper waits for. */
function searchOnlyClient(host: string, apiKey: string): Meilisearch {
  return new Meilisearch({
    host,
    apiKey,
    timeout: SEARCH_TIMEOUT_MS,
    requestInit: { headers: { "Accept-Encoding": "identity" } },
    httpClient: nodeHttpTransport,
  });
}

export class SearchNotConfiguredError extends Error {
  constructor(what: string) {
    super(`Search is not configured: ${what}`);
    this.name = "SearchNotConfiguredError";
  }
}

function requireConfig(): SearchConfig {
  const config = readSearchConfig();
  if (!config) throw new SearchNotConfiguredError("MEILI_HOST is not set");
  return config;
}

export function createAdminEngine(config: SearchConfig = requireConfig()): SearchEngine {
  if (!config.adminKey) throw new SearchNotConfiguredError("MEILI_MASTER_KEY is not set");
  return {
    client: meilisearchClient(config.host, config.adminKey, ADMIN_TIMEOUT_MS),
    indexName: config.indexName,
  };
}

/** The key Meilisearch creates for searching every index ("Default Search API Key"). */
export async function fetchDefaultSearchKey(admin: Meilisearch): Promise<string> {
  const { results } = await admin.getKeys({ limit: 100 });
  const isSearchOnly = (key: Key) =>
    key.actions.length === 1 && key.actions[0] === "search" && key.indexes.includes("*");
  const key = results.find((candidate) => candidate.name === "Default Search API Key") ?? results.find(isSearchOnly);
  if (!key) throw new Error("Meilisearch has no search-only API key: create one or set MEILI_SEARCH_KEY");
  return key.key;
}

/** Resolves the search-only key: MEILI_SEARCH_KEY, else the server's default search key (fetched with
 *  the admin key). The start script calls this once and passes MEILI_SEARCH_KEY to the web server. */
export async function resolveSearchKey(config: SearchConfig = requireConfig()): Promise<string> {
  if (config.searchKey) return config.searchKey;
  return fetchDefaultSearchKey(createAdminEngine(config).client);
}

const globalForSearch = globalThis as unknown as { __searchEngine?: Promise<SearchEngine> };

/** The shared search-only engine of this process. A failed key lookup is not cached, so the next
 *  request tries again once the engine is back. */
export function searchEngine(): Promise<SearchEngine> {
  globalForSearch.__searchEngine ??= (async () => {
    const config = requireConfig();
    const apiKey = await resolveSearchKey(config);
    return { client: searchOnlyClient(config.host, apiKey), indexName: config.indexName };
  })().catch((error: unknown) => {
    globalForSearch.__searchEngine = undefined;
    throw error;
  });
  return globalForSearch.__searchEngine;
}

/** For tests and scripts that build their own engine: a search-only engine for given credentials. */
export function createSearchEngine(host: string, searchKey: string, indexName: string): SearchEngine {
  return { client: searchOnlyClient(host, searchKey), indexName };
}
