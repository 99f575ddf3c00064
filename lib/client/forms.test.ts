import type { ErrorOption } from "react-hook-form";
import { describe, expect, it } from "vitest";
import { ApiError } from "./api-client";
import { applyProblem, fieldErrorProps, formErrorOf, hasFieldErrors, messageOf } from "./forms";

type TCall = [string, ErrorOption];
const recorder = () => {
  const calls: TCall[] = [];
  return { calls, setError: (name: string, error: ErrorOption) => void calls.push([name, error]) };
};

describe("applyProblem", () => {
  it("puts each invalid_params reason under its field (first segment) and the detail on root.server, for any status", () => {
    const { calls, setError } = recorder();
    const conflict = new ApiError(409, "An IP range named Office already exists", [{ name: "name", reason: "Name is taken" }, { name: "cidrs.1", reason: "Overlaps Office" }]);
    applyProblem(setError, conflict);
    expect(calls).toEqual([
      ["name", { type: "server", message: "Name is taken" }],
      ["cidrs", { type: "server", message: "Overlaps Office" }],
      ["root.server", { type: "server", message: "An IP range named Office already exists" }],
    ]);
  });

  it("maps names through fieldOf, and a plain error becomes the form error only", () => {
    const { calls, setError } = recorder();
    applyProblem(setError, new ApiError(400, "Invalid input", [{ name: "filter.actions.0", reason: "Unknown action" }]), { fieldOf: (n) => n.split(".").slice(0, 2).join(".") });
    expect(calls[0]).toEqual(["filter.actions", { type: "server", message: "Unknown action" }]);
    const other = recorder();
    applyProblem(other.setError, new Error("Cannot reach the Watchpost server."));
    expect(other.calls).toEqual([["root.server", { type: "server", message: "Cannot reach the Watchpost server." }]]);
  });
});

describe("reading errors", () => {
  const errors = {
    root: { server: { type: "server", message: "The API key is invalid" } },
    apiKey: { type: "server", message: "The API key is invalid" },
    location: { lat: { type: "custom", message: "Give both latitude and longitude, or neither" } },
  };

  it("finds the first nested message and the form error", () => {
    expect(messageOf(errors.location)).toBe("Give both latitude and longitude, or neither");
    expect(formErrorOf(errors)).toBe("The API key is invalid");
    expect(hasFieldErrors(errors)).toBe(true);
    expect(hasFieldErrors({ root: errors.root })).toBe(false);
  });

  it("marks a field whose server reason repeats the form error without repeating the text", () => {
    expect(fieldErrorProps(errors, "apiKey")).toEqual({ error: undefined, "aria-invalid": true });
    expect(fieldErrorProps(errors, "location")).toEqual({ error: "Give both latitude and longitude, or neither" });
    expect(fieldErrorProps(errors, "name")).toEqual({ error: undefined });
  });
});
