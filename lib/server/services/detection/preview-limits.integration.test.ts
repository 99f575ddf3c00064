import { beforeEach, expect, it } from "vitest";
import { ZPolicyPreviewInput } from "../../../shared/schemas/policies";
import { resetDatabase } from "../../../testing/reset-database";
import { previewPolicy } from "./preview-policy";

beforeEach(resetDatabase);

it("runs at most 2 policy previews of one user at once (429 with Retry-After beyond); other users and later previews pass", async () => {
  const input = ZPolicyPreviewInput.parse({
    filter: { actions: ["user_login_failed"] },
    trigger: { kind: "repeated", count: 3, windowMinutes: 5, perUser: true, perProduct: false },
    days: 7,
  });
  const now = new Date();
  const results = await Promise.allSettled([previewPolicy(input, now, "user-a"), previewPolicy(input, now, "user-a"), previewPolicy(input, now, "user-a"), previewPolicy(input, now, "user-b")]);
  expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
  expect((results[2] as PromiseRejectedResult).reason).toMatchObject({ code: "rate_limited", retryAfterSeconds: 5, message: expect.stringMatching(/At most 2 policy previews at a time/) });
  // Finished previews give their slots back.
  await expect(Promise.all([previewPolicy(input, now, "user-a"), previewPolicy(input, now, "user-a")])).resolves.toHaveLength(2);
  // Internal callers (no user) are not limited.
  await expect(Promise.all([1, 2, 3].map(() => previewPolicy(input, now)))).resolves.toHaveLength(3);
});
