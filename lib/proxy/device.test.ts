import { describe, expect, it } from "vitest";
import { classifyDevice, normalizeSerial } from "./device";

const peer = { subject: { CN: "laptop-42", O: "Acme" }, issuer: { CN: "Acme Device CA" }, serialNumber: "0a1b2c" } as never;

describe("classifyDevice", () => {
  it("is managed for a trusted, unrevoked certificate, with its subject and serial", () => {
    expect(classifyDevice({ isAuthorized: true, peer }, new Set())).toEqual({ isManaged: true, subject: "laptop-42", serial: "0A1B2C", issuer: "Acme Device CA", problem: null });
  });

  it("is unmanaged for a revoked, untrusted or absent certificate, keeping what was readable", () => {
    expect(classifyDevice({ isAuthorized: true, peer }, new Set(["0A1B2C"]))).toMatchObject({ isManaged: false, subject: "laptop-42", problem: "revoked" });
    expect(classifyDevice({ isAuthorized: false, authorizationError: "UNABLE_TO_VERIFY_LEAF_SIGNATURE", peer }, new Set())).toMatchObject({
      isManaged: false,
      subject: "laptop-42",
      problem: "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
    });
    expect(classifyDevice({ isAuthorized: false, peer: {} as never }, new Set())).toEqual({ isManaged: false, subject: null, serial: null, issuer: null, problem: null });
    expect(classifyDevice({ isAuthorized: false, peer: null }, new Set())).toMatchObject({ isManaged: false, problem: null });
  });

  it("does not trust a certificate whose serial cannot be read, even when the chain checked out", () => {
    expect(classifyDevice({ isAuthorized: true, peer: { subject: { CN: "x" }, serialNumber: "zz" } as never }, new Set())).toMatchObject({
      isManaged: false,
      problem: "no readable serial",
    });
    expect(normalizeSerial("01:ab")).toBe("01AB");
    expect(normalizeSerial(42)).toBeNull();
  });
});
