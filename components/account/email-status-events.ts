// The email confirmation banner (a client island of the store layout, which stays mounted across client
// navigations) reads the account's state once per page load. When this tab changes that state (the
// confirmation page's button), it says so with this window event and the banner reads it again.
export const EMAIL_STATUS_CHANGED_EVENT = "northwind:email-status-changed";

export function announceEmailStatusChanged(): void {
  window.dispatchEvent(new Event(EMAIL_STATUS_CHANGED_EVENT));
}
