// Why the store layout's providers (cart, wishlist) wait before their first update.
//
// A page's streamed parts arrive as hidden segments (`<div hidden id="S:n">`) that React 19.2 reveals in
// batches, up to about 300 ms later (`<template id="B:n">` marks the boundary until then). Until the
// reveal, the boundary is still dehydrated, and an update to a context above it (the cart arriving from
// /api/cart) makes React throw the server's copy away and render the boundary again in the browser, while
// the streamed copy stays hidden in the document until its batch runs (react/react#37014). The page then
// briefly holds every form twice, the server's render is wasted and autofocus is lost. Waiting for the
// stream to settle costs the cart count a few frames on a streamed page and nothing on a cached one.

/** What the check reads of the document (a parameter, so it can be checked without a browser). */
export interface StreamedDocument {
  readonly readyState: string;
  querySelector(selectors: string): unknown;
}

/** A streamed boundary not yet revealed: its marker, or its segment waiting hidden. */
const UNREVEALED = 'template[id^="B:"], div[hidden][id^="S:"]';
const POLL_MS = 50;
/** A boundary can stay open for long (a slow part of the page): the cart is not held back for it. */
export const LONGEST_WAIT_MS = 3_000;

export function streamSettled(doc: StreamedDocument): boolean {
  return doc.readyState !== "loading" && !doc.querySelector(UNREVEALED);
}

/** Resolves once the page's HTML has arrived and every streamed part is revealed, or after LONGEST_WAIT_MS. */
export function whenStreamSettled(
  doc: StreamedDocument = document,
  wait: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<void> {
  return (async () => {
    for (let waited = 0; waited < LONGEST_WAIT_MS && !streamSettled(doc); waited += POLL_MS) await wait(POLL_MS);
  })();
}
