import { describe, expect, it } from "vitest";
import { GENERIC_SIGN_IN_ERROR, signInErrorCode, signInErrorText } from "./sign-in-errors";

describe("signInErrorText", () => {
  it("shows known codes' texts", () => {
    expect(signInErrorText("CredentialsSignin")).toBe("Invalid email or password");
    expect(signInErrorText("TooManyAttempts:600")).toBe("Too many failed sign-in attempts. Try again in 10 minute(s).");
  });

  it.each(["Your account is locked: call +1 555 0100", "toString", "__proto__", "TooManyAttempts:<b>x</b>", "", null])("never shows the raw parameter %j", (raw) => {
    expect([GENERIC_SIGN_IN_ERROR, "Too many failed sign-in attempts. Try again later."]).toContain(signInErrorText(raw));
  });

  it("maps the service's messages to codes", () => {
    expect(signInErrorCode("This account is disabled. Ask an admin to enable it.")).toBe("AccountDisabled");
    expect(signInErrorCode("Too many failed sign-in attempts. Try again in 3 minute(s).")).toBe("TooManyAttempts");
    expect(signInErrorCode("Invalid email or password")).toBe("CredentialsSignin");
  });
});
