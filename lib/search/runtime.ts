// How scripts and the start script reach Meilisearch: MEILI_HOST (+ MEILI_MASTER_KEY) when set;
// otherwise the embedded server with data in <DATA_DIR>/meili, reusing one that is already running on
// MEILI_PORT (the store's, while `npm run search:reindex` runs next to `npm start`).
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { startEmbeddedMeilisearch } from "@/lib/ops/embedded-meilisearch";
import { dataDir } from "@/lib/ops/runtime";

export interface MeilisearchConnection {
  host: string;
  masterKey: string;
  embedded: boolean;
  stop(): Promise<void>;
}

export const DEFAULT_MEILI_PORT = 7700;

async function healthy(host: string, masterKey: string): Promise<boolean> {
  try {
    // /health is public; /version proves the key is the one this data directory's server uses.
    const response = await fetch(`${host}/version`, {
      headers: { Authorization: `Bearer ${masterKey}` },
      signal: AbortSignal.timeout(1_000),
    });
    return response.ok;
  } catch {
    return false;
  }
}

export async function connectMeilisearch(options: { verbose?: boolean } = {}): Promise<MeilisearchConnection> {
  const configuredHost = process.env.MEILI_HOST;
  if (configuredHost) {
    const masterKey = process.env.MEILI_MASTER_KEY || process.env.MEILI_API_KEY;
    if (!masterKey) throw new Error("MEILI_HOST is set but MEILI_MASTER_KEY (or MEILI_API_KEY) is not");
    return { host: configuredHost, masterKey, embedded: false, stop: async () => {} };
  }
  const port = Number(process.env.MEILI_PORT ?? DEFAULT_MEILI_PORT);
  const meiliDir = path.join(dataDir(), "meili");
  const keyFile = path.join(dataDir(), "meili-master-key");
  if (existsSync(keyFile)) {
    const masterKey = readFileSync(keyFile, "utf8").trim();
    const host = `http://127.0.0.1:${port}`;
    if (await healthy(host, masterKey)) return { host, masterKey, embedded: false, stop: async () => {} };
  }
  const server = await startEmbeddedMeilisearch({
    dataDir: meiliDir,
    port,
    verbose: options.verbose ?? process.env.MEILI_VERBOSE === "1",
  });
  return { host: server.host, masterKey: server.masterKey, embedded: true, stop: () => server.stop() };
}
