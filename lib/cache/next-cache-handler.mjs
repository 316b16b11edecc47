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
const { cacheHandlerFromEnv } = await tsImport("./from-env.ts", import.meta.url);

export default cacheHandlerFromEnv(tagsManifest);
