"use client";
// Header search box with instant suggestions, following the WAI-ARIA combobox pattern (list autocomplete):
// the input owns a listbox; arrows move the active option (aria-activedescendant), Enter opens it or
// searches for the text, Escape closes the list (a second Escape clears the text). Requests are
// debounced (150 ms) and a stale answer never replaces a newer one. Without JavaScript it is a plain GET
// form to /search.
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";

interface Suggestion {
  id: string;
  title: string;
  titleHighlighted: { text: string; match: boolean }[];
  url: string;
  imageUrl: string | null;
  price: string;
}

const DEBOUNCE_MS = 150;
const MIN_LENGTH = 2;
const MAX_LENGTH = 200;

function searchUrl(q: string): string {
  return `/search?${new URLSearchParams({ q: q.trim() }).toString()}`;
}

export function SearchBox({ className = "" }: { className?: string }) {
  const router = useRouter();
  const id = useId();
  const listboxId = `${id}-listbox`;
  const [query, setQuery] = useState("");
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const latestRequest = useRef(0);
  const input = useRef<HTMLInputElement>(null);

  /** Every change of the text goes through here: a query too short for suggestions drops the old ones. */
  function changeQuery(next: string) {
    setQuery(next);
    if (next.trim().length < MIN_LENGTH) {
      setSuggestions([]);
      setActive(-1);
    }
  }

  // Text typed before the page hydrated is in the field but not in state (React keeps the field's value and
  // saw no change event): take it over as if typed now, so its suggestions come and Enter searches for it.
  useEffect(() => {
    const typed = input.current;
    if (!typed?.value) return;
    changeQuery(typed.value);
    setOpen(document.activeElement === typed);
  }, []);

  useEffect(() => {
    const q = query.trim();
    if (q.length < MIN_LENGTH) return;
    const requestNumber = ++latestRequest.current;
    const controller = new AbortController();
    async function suggest() {
      try {
        const response = await fetch(`/api/search/suggest?${new URLSearchParams({ q })}`, {
          signal: controller.signal,
        });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const body = (await response.json()) as { suggestions: Suggestion[] };
        if (requestNumber !== latestRequest.current) return;
        setSuggestions(body.suggestions);
        setActive(-1);
      } catch {
        if (!controller.signal.aborted && requestNumber === latestRequest.current) setSuggestions([]);
      }
    }
    const timer = setTimeout(() => void suggest(), DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query]);

  // The last option searches for the text itself.
  const showList = open && query.trim().length >= MIN_LENGTH;
  const optionCount = suggestions.length + 1;
  const optionId = (index: number) => `${id}-option-${index}`;

  function go(index: number) {
    setOpen(false);
    const suggestion = suggestions[index];
    router.push(suggestion ? suggestion.url : searchUrl(query));
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        setOpen(true);
        setActive((current) => (current + 1) % optionCount);
        break;
      case "ArrowUp":
        event.preventDefault();
        setOpen(true);
        setActive((current) => (current <= 0 ? optionCount - 1 : current - 1));
        break;
      case "Enter":
        if (showList && active >= 0) {
          event.preventDefault();
          go(active);
        }
        // Otherwise the form submits: a search for the text.
        break;
      case "Escape":
        if (showList) {
          event.preventDefault();
          setOpen(false);
          setActive(-1);
        } else if (query) {
          event.preventDefault();
          changeQuery("");
        }
        break;
    }
  }

  return (
    <form
      role="search"
      action="/search"
      method="get"
      className={`relative ${className}`}
      onSubmit={(event) => {
        event.preventDefault();
        // The field, not state: they differ only for text typed before hydration and not yet taken over.
        const text = input.current?.value ?? query;
        if (!text.trim()) return;
        setOpen(false);
        router.push(searchUrl(text));
      }}
    >
      <label htmlFor={`${id}-input`} className="sr-only">
        Search products
      </label>
      <input
        ref={input}
        id={`${id}-input`}
        name="q"
        type="search"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={showList}
        aria-controls={listboxId}
        aria-activedescendant={showList && active >= 0 ? optionId(active) : undefined}
        autoComplete="off"
        maxLength={MAX_LENGTH}
        placeholder="Search products"
        value={query}
        onChange={(event) => {
          changeQuery(event.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
        className="w-full rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm placeholder:text-zinc-400 focus:border-zinc-500 focus:outline-none"
        data-testid="search-box"
      />
      <ul
        id={listboxId}
        role="listbox"
        aria-label="Suggestions"
        hidden={!showList}
        className="absolute left-0 right-0 top-full z-40 mt-1 max-h-96 overflow-auto rounded-md border border-zinc-200 bg-white py-1 shadow-lg"
      >
        {suggestions.map((suggestion, index) => (
          <li
            key={suggestion.id}
            id={optionId(index)}
            role="option"
            aria-selected={index === active}
            // mousedown, not click: the input's blur would close the list before a click lands.
            onMouseDown={(event) => {
              event.preventDefault();
              go(index);
            }}
            onMouseEnter={() => setActive(index)}
            className={`flex cursor-pointer items-center gap-3 px-3 py-2 text-sm ${index === active ? "bg-zinc-100" : ""}`}
            data-testid="search-suggestion"
          >
            {suggestion.imageUrl ? (
              // eslint-disable-next-line @next/next/no-img-element -- small SVGs and already-sized uploads: nothing to optimise
              <img
                src={suggestion.imageUrl}
                alt=""
                width={36}
                height={36}
                className="h-9 w-9 shrink-0 rounded bg-zinc-100 object-cover"
              />
            ) : (
              <span className="h-9 w-9 shrink-0 rounded bg-zinc-100" aria-hidden="true" />
            )}
            <span className="min-w-0 flex-1 truncate">
              {suggestion.titleHighlighted.map((part, i) =>
                part.match ? (
                  <mark key={i} className="bg-transparent font-semibold text-zinc-900">
                    {part.text}
                  </mark>
                ) : (
                  <span key={i}>{part.text}</span>
                ),
              )}
            </span>
            <span className="shrink-0 text-zinc-600">{suggestion.price}</span>
          </li>
        ))}
        <li
          id={optionId(suggestions.length)}
          role="option"
          aria-selected={active === suggestions.length}
          onMouseDown={(event) => {
            event.preventDefault();
            go(suggestions.length);
          }}
          onMouseEnter={() => setActive(suggestions.length)}
          className={`cursor-pointer border-t border-zinc-100 px-3 py-2 text-sm text-zinc-700 ${active === suggestions.length ? "bg-zinc-100" : ""}`}
        >
          Search for “{query.trim()}”
        </li>
      </ul>
    </form>
  );
}
