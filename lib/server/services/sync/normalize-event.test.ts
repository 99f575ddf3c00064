import { describe, expect, it } from "vitest";
import { ZEvent, type TEvent } from "../../../atlassian";
import { normalizeEvent, parseGeo, type OrgDirectory } from "./normalize-event";

// The documented example of atlassian-api.md §5.1 (second event: impersonation from a site).
const IMPERSONATION: TEvent = ZEvent.parse({
  id: "9c0d1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f",
  type: "events",
  attributes: {
    time: "2026-01-05T08:31:02.117Z",
    processedAt: "2026-01-05T08:31:03.005Z",
    action: "user_logged_in_as_user",
    actor: { id: "712020:0c6f2b1a-9d3e-4f5a-8b7c-1d2e3f4a5b6c", name: "Org Admin", email: "Admin@Acme.com" },
    context: [{ type: "users", attributes: { accountType: "atlassian", email: "bob@acme.com", name: "bob@acme.com" } }],
    container: [
      { id: "12345678-abcd-9012-efgh-1234567890ab", type: "sites", attributes: { siteHostName: "https://acme.atlassian.net", siteName: "acme" } },
    ],
    location: { ip: "198.51.100.7", geo: "-33.8688,151.2093", countryName: "Australia", regionName: "New South Wales", city: "Sydney" },
  },
  message: { content: "Logged in as bob@acme.com", format: "simple" },
});

const directory: OrgDirectory = { verifiedDomains: new Set(["acme.com"]), managedAccountIds: new Set(["5b10ac8d82e05b22cc7d4ef5"]) };

const withActor = (actor: TEvent["attributes"]["actor"], extra: Partial<TEvent["attributes"]> = {}): TEvent => ({
  ...IMPERSONATION,
  attributes: { ...IMPERSONATION.attributes, actor, ...extra },
});

describe("normalizeEvent", () => {
  it("maps the documented example into columns and keeps the raw event", () => {
    const result = normalizeEvent(IMPERSONATION, directory);
    expect(result.kind).toBe("activity");
    if (result.kind !== "activity") return;
    expect(result.activity).toMatchObject({
      eventId: "9c0d1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f",
      eventTime: new Date("2026-01-05T08:31:02.117Z"),
      processedAt: new Date("2026-01-05T08:31:03.005Z"),
      action: "user_logged_in_as_user",
      actionName: "Logged in as user (impersonation)",
      actionGroup: "Organization actions",
      product: "admin",
      siteName: "acme",
      actorEmail: "admin@acme.com",
      isSystem: false,
      targetName: "bob@acme.com",
      ip: "198.51.100.7",
      country: "Australia",
      city: "Sydney",
      lat: -33.8688,
      lon: 151.2093,
      message: "Logged in as bob@acme.com",
    });
    expect(result.activity.raw).toBe(IMPERSONATION);
  });

  it("drops actors on unverified domains, keeps managed accounts without email and system events", () => {
    expect(normalizeEvent(withActor({ id: "x1", name: "Eve", email: "eve@gmail.com" }), directory)).toEqual({ kind: "dropped", reason: "unverified_domain" });
    expect(normalizeEvent(withActor({ id: "x2", name: "No Mail" }), directory).kind).toBe("dropped");
    expect(normalizeEvent(withActor({ id: "5b10ac8d82e05b22cc7d4ef5", name: "Ada" }), directory).kind).toBe("activity");
    const system = normalizeEvent(withActor({ id: "sys", name: "Atlassian Internal System" }, { location: undefined }), directory);
    expect(system.kind === "activity" && system.activity).toMatchObject({ isSystem: true, ip: null, lat: null });
  });

  it("reads the product from a products context, token auth and impersonation", () => {
    const event = withActor(
      { id: "a", email: "ada@acme.com", auth: { authType: "api-token", tokenId: "tok-1" }, onBehalfOf: { id: "bob" } },
      { action: "product_access_granted", context: [{ id: "confluence", type: "products", attributes: { name: "Confluence" } }] },
    );
    const result = normalizeEvent(event, directory);
    expect(result.kind === "activity" && result.activity).toMatchObject({ product: "confluence", authType: "api-token", tokenId: "tok-1", onBehalfOfId: "bob" });
  });

  it("tolerates bad geo and IP values instead of storing garbage", () => {
    const event = withActor({ id: "a", email: "ada@acme.com" }, { location: { ip: "not-an-ip", geo: "999,abc" } });
    const result = normalizeEvent(event, directory);
    expect(result.kind === "activity" && result.activity).toMatchObject({ ip: null, lat: null, lon: null });
  });

  it("reads object-shaped context and container like one-item arrays", () => {
    const event = ZEvent.parse({
      ...IMPERSONATION,
      attributes: { ...IMPERSONATION.attributes, context: IMPERSONATION.attributes.context?.[0], container: IMPERSONATION.attributes.container?.[0] },
    });
    const result = normalizeEvent(event, directory);
    expect(result.kind === "activity" && result.activity).toMatchObject({ siteName: "acme", targetName: "bob@acme.com", targets: [{ type: "users", name: "bob@acme.com" }] });
  });

  it("takes location.geo as coordinates when they parse, else as a coarse region label", () => {
    const geoOnly = (geo: string) => withActor({ id: "a", email: "ada@acme.com" }, { location: { ip: "198.51.100.7", geo } });
    const label = normalizeEvent(geoOnly("EU"), directory);
    // No coordinates, country or city: GeoIP fills them in at enrichment (locationSource stays null here).
    expect(label.kind === "activity" && label.activity).toMatchObject({ lat: null, lon: null, region: "EU", country: null, locationSource: null });
    const coords = normalizeEvent(geoOnly(" 48.8566, 2.3522 "), directory);
    expect(coords.kind === "activity" && coords.activity).toMatchObject({ lat: 48.8566, lon: 2.3522, region: null, locationSource: "event" });
    const named = normalizeEvent(withActor({ id: "a", email: "ada@acme.com" }, { location: { geo: "NA", regionName: "Ontario" } }), directory);
    expect(named.kind === "activity" && named.activity.region).toBe("Ontario");
  });
});

describe("parseGeo", () => {
  it.each([
    ["51.5072,-0.1276", { lat: 51.5072, lon: -0.1276, label: null }],
    ["-33.8688,151.2093", { lat: -33.8688, lon: 151.2093, label: null }],
    ["91,0", { lat: null, lon: null, label: null }],
    ["EU", { lat: null, lon: null, label: "EU" }],
    ["North America", { lat: null, lon: null, label: "North America" }],
    ["999,abc", { lat: null, lon: null, label: null }],
    ["<script>", { lat: null, lon: null, label: null }],
    ["", { lat: null, lon: null, label: null }],
  ])("%j", (geo, expected) => expect(parseGeo(geo)).toEqual(expected));
});
