import { describe, expect, it } from "vitest";
import { AppError } from "../../shared/errors";
import { MAX_BODY_BYTES, readJsonBody } from "./read-json-body";

const post = (body: BodyInit, headers: Record<string, string> = {}) => new Request("http://localhost/api", { method: "POST", body, headers, duplex: "half" } as RequestInit);

const errorOf = async (promise: Promise<unknown>) => {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
};

describe("readJsonBody", () => {
  it("parses JSON and treats an empty body as {}", async () => {
    expect(await readJsonBody(post('{"a":1}'))).toEqual({ a: 1 });
    expect(await readJsonBody(post(""))).toEqual({});
  });

  it("refuses malformed JSON with 400", async () => {
    const error = await errorOf(readJsonBody(post("{oops")));
    expect(error.status).toBe(400);
  });

  it("refuses a body over the limit by its declared length without reading it", async () => {
    const error = await errorOf(readJsonBody(post("{}", { "content-length": String(MAX_BODY_BYTES + 1) })));
    expect(error.status).toBe(413);
  });

  it("stops reading a streamed body once it passes the limit", async () => {
    let pulled = 0;
    const chunk = new Uint8Array(64 * 1024).fill(32);
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(chunk);
      },
    });
    const error = await errorOf(readJsonBody(post(stream)));
    expect(error.status).toBe(413);
    expect(pulled * chunk.byteLength).toBeLessThan(MAX_BODY_BYTES * 2);
  });

  it("counts bytes, not characters", async () => {
    const multiByte = JSON.stringify({ s: "é".repeat(MAX_BODY_BYTES / 2) });
    expect(multiByte.length).toBeLessThan(MAX_BODY_BYTES + 100);
    const error = await errorOf(readJsonBody(post(multiByte)));
    expect(error.status).toBe(413);
  });
});
