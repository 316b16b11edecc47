// Text helpers shared by every domain. Free text from URLs and forms (search boxes, filters) is made safe
// to query with: PostgreSQL refuses a text value containing a NUL byte (the whole query fails), and no
// control character belongs in a search.

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/g;

/** Control characters become spaces, whitespace runs one space, trimmed, cut to maxLength characters. */
export function searchText(raw: string | null | undefined, maxLength: number): string {
  const text = (raw ?? "").replace(CONTROL_CHARACTERS, " ").replace(/\s+/g, " ").trim();
  return Array.from(text).slice(0, maxLength).join("").trim();
}

export function hasControlCharacters(value: string): boolean {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return /[\u0000-\u001f\u007f]/.test(value);
}

/** URL slug: lower-case ASCII words joined by hyphens ("Alder & Oak" -> "alder-and-oak"). */
export function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}
