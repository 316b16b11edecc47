import type { HighlightedText } from "@/lib/search/types";

/** Matched parts in <mark>, everything as text nodes: a title can never inject markup. */
export function Highlighted({ parts }: { parts: HighlightedText }) {
  // Nothing matched (every card of a listing without a query): the bare text, no wrapper per card.
  if (!parts.some((part) => part.match)) return <>{parts.map((part) => part.text).join("")}</>;
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
