// The file next.config.ts names in `cacheHandlers`. Next.js imports it with Node's own loader (in the web
// server and in `next build`'s workers), so it is plain JavaScript: it loads the TypeScript handler through
// tsx, and hands it Next's tag manifest, required the way Next requires it so both share one instance.
import { createRequire } from "node:module";
import { tsImport } from "tsx/esm/api";

const require = createRequire(import.meta.url);
const { tagsManifest } = require("next/dist/server/lib/incremental-cache/tags-manifest.external.js");
if (!(tagsManifest instanceof Map)) {
  throw new Error(
    "This Next.js version keeps its tag manifest elsewhere: lib/cache/next-cache-handler.mjs needs updating",
  );
}
// Next's request storage, left for every Redis call (see `outsideRequest` in ./shared-cache.ts).
const { workAsyncStorage } = require("next/dist/server/app-render/work-async-storage.external.js");
const { workUnitAsyncStorage } = require("next/dist/server/app-render/work-unit-async-storage.external.js");
const outsideRequest = (run) => workAsyncStorage.exit(() => workUnitAsyncStorage.exit(run));
const { cacheHandlerFromEnv } = await tsImport("./from-env.ts", import.meta.url);

export default cacheHandlerFromEnv(tagsManifest, outsideRequest);
