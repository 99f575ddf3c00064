import { describe, expect, it } from "vitest";
import type { AppError } from "../../shared/errors";
import { assertJsonBody, isJsonMediaType } from "./json-content-type";

const request = (headers: Record<string, string>, body?: string) => new Request("http://localhost/api/v1/x", { method: "POST", headers, body });

const statusOf = (req: Request): number | "passes" => {
  try {
    assertJsonBody(req);
    return "passes";
  } catch (error) {
    return (error as AppError).status;
  }
};

describe("assertJsonBody", () => {
  it("lets application/json through, with parameters and in any case", () => {
    expect(statusOf(request({ "content-type": "application/json" }, "{}"))).toBe("passes");
    expect(statusOf(request({ "content-type": "Application/JSON; charset=utf-8" }, "{}"))).toBe("passes");
  });

  it("lets a body-less request through (no content type, no length or length 0)", () => {
    expect(statusOf(request({}))).toBe("passes");
    expect(statusOf(request({ "content-length": "0" }))).toBe("passes");
  });

  it.each([
    ["text/plain", "{}"],
    ["application/x-www-form-urlencoded", "a=1"],
    ["multipart/form-data; boundary=x", "--x--"],
    ["application/json-patch+json", "[]"],
    ["application/jsonx", "{}"],
  ])("refuses %s with 415", (type, body) => {
    expect(statusOf(request({ "content-type": type }, body))).toBe(415);
  });

  it("refuses a body without a content type, and a content type naming another format on an empty body", () => {
    expect(statusOf(request({ "content-length": "2" }))).toBe(415);
    expect(statusOf(request({ "transfer-encoding": "chunked" }))).toBe(415);
    expect(statusOf(request({ "content-type": "text/plain", "content-length": "0" }))).toBe(415);
  });

  it("parses media types", () => {
    expect(isJsonMediaType(null)).toBe(false);
    expect(isJsonMediaType(" application/json ;charset=utf-8")).toBe(true);
  });
});
