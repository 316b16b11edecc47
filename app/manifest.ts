import type { MetadataRoute } from "next";
import { storeName } from "@/lib/catalog/site";

// /manifest.webmanifest: the store as an installable web app (name, colours, icons in public/).
export default function manifest(): MetadataRoute.Manifest {
  const name = storeName();
  return {
    name,
    short_name: name,
    description: `${name}: everyday gear, honestly priced, shipped fast.`,
    start_url: "/",
    display: "standalone",
    background_color: "#ffffff",
    theme_color: "#18181b",
    icons: [
      { src: "/icon-192.png", sizes: "192x192", type: "image/png" },
      { src: "/icon-512.png", sizes: "512x512", type: "image/png" },
    ],
  };
}
