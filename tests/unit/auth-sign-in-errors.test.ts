// The sign-in form's error line: fixed sentences for known codes, a generic one for anything else, and
// never the text of the code itself (?error= is whatever a link's author put there).
import { describe, expect, it } from "vitest";
import { GENERIC_SIGN_IN_ERROR, rateLimitedCode, signInErrorMessage } from "@/lib/auth/sign-in-errors";

describe("signInErrorMessage", () => {
  it.each([
    ["CredentialsSignin", "Email or password is incorrect."],
    ["SessionRequired", "Please sign in to continue."],
    ["PasswordChanged", "Your password was changed. Please sign in again."],
    ["RateLimited:42", "Too many attempts. Try again in 42 seconds."],
    ["RateLimited:1", "Too many attempts. Try again in 1 second."],
    ["RateLimited:900", "Too many attempts. Try again in 15 minutes."],
    ["RateLimited", "Too many attempts. Try again in 60 seconds."],
    ["Configuration", GENERIC_SIGN_IN_ERROR],
    ["Callback", GENERIC_SIGN_IN_ERROR],
  ])("maps %j to a fixed sentence", (code, message) => {
    expect(signInErrorMessage(code)).toBe(message);
  });

  it.each([
    "<script>alert(1)</script>",
    "Your account is locked. Call +1 555 0100 to unlock it.",
    "Too many attempts. Visit evil.example to continue.",
    "RateLimited:42<img src=x onerror=alert(1)>",
    "RateLimited:9999999",
    "RateLimited: 5",
    "credentialssignin",
    " CredentialsSignin",
  ])("never echoes %j", (code) => {
    const message = signInErrorMessage(code);
    expect(message).toBe(GENERIC_SIGN_IN_ERROR);
  });

  it("shows nothing without a code, and the generic sentence for what is not a string", () => {
    expect(signInErrorMessage(undefined)).toBeNull();
    expect(signInErrorMessage(null)).toBeNull();
    expect(signInErrorMessage("")).toBeNull();
    expect(signInErrorMessage(["CredentialsSignin", "x"])).toBe(GENERIC_SIGN_IN_ERROR);
  });

  it("round-trips the code authorize() throws for a refused attempt", () => {
    expect(rateLimitedCode(42)).toBe("RateLimited:42");
    expect(rateLimitedCode(0.2)).toBe("RateLimited:1");
    expect(signInErrorMessage(rateLimitedCode(125))).toBe("Too many attempts. Try again in 3 minutes.");
  });
});
