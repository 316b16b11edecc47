import { serializeJsonLd, type JsonLd as JsonLdData } from "@/lib/catalog/structured-data";

/** A schema.org block; the content is escaped by serializeJsonLd so it cannot break out of the script. */
export function JsonLd({ data }: { data: JsonLdData }) {
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: serializeJsonLd(data) }} />;
}
