"use client";
// The email confirmation banner (a client island of the store layout, which stays mounted across client
// navigations and refreshes) reads the account's state once per page load. When this tab changes that
// state (the confirmation page), it says so with this window event and the banner reads it again.
import { useEffect } from "react";

export const EMAIL_STATUS_CHANGED_EVENT = "northwind:email-status-changed";

/** Rendered with the "your email is confirmed" state: on mount, the banner asks again (and goes). */
export function EmailStatusChanged() {
  useEffect(() => {
    window.dispatchEvent(new Event(EMAIL_STATUS_CHANGED_EVENT));
  }, []);
  return null;
}
