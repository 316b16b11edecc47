import type { HighlightedText } from "@/lib/search/types";

/** Matched parts in <mark>, everything as text nodes: a title can never inject markup. */
export function Highlighted({ parts }: { parts: HighlightedText }) {
  return (
    <>
      {parts.map((part, index) =>
        part.match ? (
          <mark key={index} className="rounded-sm bg-amber-100 px-0.5 text-inherit">
            {part.text}
          </mark>
        ) : (
          <span key={index}>{part.text}</span>
        ),
      )}
    </>
  );
}
