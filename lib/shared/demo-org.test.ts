import { describe, expect, it } from "vitest";
import * as simulatorDemo from "../simulator/demo";
import { ZBaseUrl } from "./schemas/connectors";
import { DEMO_API_KEY, DEMO_BASE_URL, DEMO_ORG_ID, demoBaseUrl } from "./demo-org";

describe("demo org values shown by the connect wizard", () => {
  it("match the simulator's demo org", () => {
    expect(DEMO_ORG_ID).toBe(simulatorDemo.DEMO_ORG_ID);
    expect(DEMO_API_KEY).toBe(simulatorDemo.DEMO_API_KEY);
  });

  it("use a base URL the connector schema accepts (http to loopback)", () => {
    expect(DEMO_BASE_URL).toBe("http://127.0.0.1:4010");
    expect(ZBaseUrl.parse(DEMO_BASE_URL)).toBe(DEMO_BASE_URL);
    expect(demoBaseUrl(4999)).toBe("http://127.0.0.1:4999");
  });
});
