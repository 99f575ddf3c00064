import { describe, expect, it } from "vitest";
import { connectorData } from "../../testing/factories";
import { insertConnector } from "./connector-repository";

describe("insertConnector", () => {
  // A second create that passed the service's name/org checks at the same moment as the first.
  it("answers a taken name or organization with a 409 ConflictError", async () => {
    const first = await insertConnector(connectorData());
    const conflict = { code: "conflict", status: 409, message: "This connector already exists (same name or organization)" };
    await expect(insertConnector(connectorData({ name: first.name }))).rejects.toMatchObject(conflict);
    await expect(insertConnector(connectorData({ orgId: first.orgId }))).rejects.toMatchObject(conflict);
  });
});
