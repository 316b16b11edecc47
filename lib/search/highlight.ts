// Meilisearch marks matches with the tags we ask for. We ask for private-use characters, which cannot
// occur in a document (titles are stripped of them), and split on them: the page renders the parts as
// text and <mark> elements, so a product title containing "<script>" or "<mark>" stays inert text.
import type { HighlightedText } from "./types";

export const HIGHLIGHT_PRE = "\ue000";
export const HIGHLIGHT_POST = "\ue001";

export function splitHighlight(formatted: string | undefined, fallback: string): HighlightedText {
  if (!formatted) return [{ text: fallback, match: false }];
  const parts: HighlightedText = [];
  let rest = formatted;
  while (rest.length > 0) {
    const start = rest.indexOf(HIGHLIGHT_PRE);
    if (start === -1) {
      parts.push({ text: rest, match: false });
      break;
    }
    if (start > 0) parts.push({ text: rest.slice(0, start), match: false });
    const end = rest.indexOf(HIGHLIGHT_POST, start + 1);
    const stop = end === -1 ? rest.length : end;
    const matched = rest.slice(start + 1, stop);
    if (matched) parts.push({ text: matched, match: true });
    rest = end === -1 ? "" : rest.slice(end + 1);
  }
  return parts.length > 0 ? parts : [{ text: fallback, match: false }];
}

/** Highlights for the PostgreSQL fallback: case-insensitive occurrences of the query's words. */
export function highlightWords(text: string, query: string): HighlightedText {
  const words = [
    ...new Set(
      query
        .toLowerCase()
        .split(/\s+/)
        .filter((word) => word.length >= 2),
    ),
  ];
  if (words.length === 0) return [{ text, match: false }];
  const pattern = new RegExp(`(${words.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})`, "gi");
  return text
    .split(pattern)
    .filter((part) => part.length > 0)
    .map((part) => ({ text: part, match: words.includes(part.toLowerCase()) }));
}
