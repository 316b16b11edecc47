// What the search did with the shopper's words when it had to change them: a corrected spelling, an
// understood filter left out because nothing matched it, or results that match only some of the words.
// Each says so in plain words, with a way back to exactly what was typed.
import Link from "next/link";
import { EMPTY_REQUEST } from "@/lib/search/params";
import type { SearchResult } from "@/lib/search/types";
import { searchHref } from "@/lib/search/url";

export function UnderstandingNotice({ result, basePath }: { result: SearchResult; basePath: string }) {
  const understanding = result.understanding;
  if (!understanding) return null;
  const { correctedText, dropped, partialMatch, query } = understanding;
  if (!correctedText && dropped.length === 0 && !partialMatch) return null;
  // Exactly the words typed, searched as plain text (no understanding, no correction).
  const literal = searchHref({ ...EMPTY_REQUEST, q: query, interpret: false }, {}, basePath);
  return (
    <div
      role="status"
      className="flex flex-col gap-1 rounded-md bg-amber-50 px-3 py-2 text-sm text-zinc-700"
      data-testid="search-understanding"
    >
      {correctedText ? (
        <p>
          No results for “{query}”. Showing results for <strong>“{correctedText}”</strong>.{" "}
          <Link href={literal} className="underline hover:text-zinc-900">
            Search instead for “{query}”
          </Link>
        </p>
      ) : null}
      {dropped.map((part) => (
        <p key={`${part.kind}:${part.values.join(",")}`}>
          Nothing matched <strong>{part.label}</strong> (“{part.words}”), so it was left out.
        </p>
      ))}
      {partialMatch ? <p>No product matches every word of “{query}”: these match the most.</p> : null}
    </div>
  );
}
