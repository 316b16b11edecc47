// The HTML of every email: one layout (a narrow column, a heading), escaped text and the link button.
// Inline styles only: mail clients ignore style sheets.

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** The email's body: its heading (text, escaped here) above `parts` (HTML, escaped by the caller). */
export function emailHtml(heading: string, ...parts: string[]): string {
  return (
    `<div style="font-family:system-ui,sans-serif;max-width:560px">` +
    `<h1 style="font-size:20px">${escapeHtml(heading)}</h1>${parts.join("")}</div>`
  );
}

/** A paragraph holding one link (both texts escaped here). */
export function linkHtml(href: string, label: string): string {
  return `<p><a href="${escapeHtml(href)}">${escapeHtml(label)}</a></p>`;
}
