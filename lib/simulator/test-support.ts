import type { TEvent } from "../atlassian/schemas/events";
import type { TOrgDefinitionInput } from "./org-definition";
import { startSimulator, type TRunningSimulator, type TStartSimulatorOptions } from "./start-simulator";

/** Helpers shared by the simulator and client tests (not part of the product). */
export const T0 = Date.parse("2026-01-05T08:00:00.000Z");

/** A clock tests move by hand, so rate-limit windows and key expiry need no sleeping. */
export const createClock = (startMs = T0) => {
  const clock = { ms: startMs, now: () => new Date(clock.ms), advance: (ms: number) => void (clock.ms += ms) };
  return clock;
};

export const ORG_ID = "3a1c7e2b-6c1e-4b9d-9d0f-2f6e1a7b8c90";
export const API_KEY = "test-api-key-0001";

/** Acme: two verified domains, one unverified; Ada is an org admin, Carol is a contractor (unmanaged). */
export const acmeDefinition = (overrides: Partial<TOrgDefinitionInput> = {}): TOrgDefinitionInput => ({
  id: ORG_ID,
  name: "Acme",
  apiKeys: [{ key: API_KEY }],
  domains: [
    { name: "acme.com", status: "verified" },
    { name: "acme.io", status: "verified" },
    { name: "contractors.example", status: "unverified" },
  ],
  users: [
    { accountId: "5b10ac8d82e05b22cc7d4ef5", name: "Ada Lovelace", email: "ada@acme.com", admin: true },
    { accountId: "712020:0c6f2b1a-9d3e-4f5a-8b7c-1d2e3f4a5b6c", name: "Bob Builder", email: "bob@acme.io" },
    { accountId: "6c21bd9e93f16c33dd8e5f06", name: "Carol Contractor", email: "carol@contractors.example" },
  ],
  ...overrides,
});

/** Starts a simulator and registers the Acme org through the control API. */
export const startWithAcme = async (options: TStartSimulatorOptions = {}, definition = acmeDefinition()): Promise<TRunningSimulator> => {
  const simulator = await startSimulator(options);
  const response = await fetch(`${simulator.baseUrl}/__sim/orgs`, { method: "POST", body: JSON.stringify(definition) });
  if (response.status !== 201) throw new Error(`POST /__sim/orgs → ${response.status}: ${await response.text()}`);
  return simulator;
};

/** An Atlassian-shaped login event of `accountId` at `timeMs`. */
export const loginEvent = (id: string, timeMs: number, actor = { id: "5b10ac8d82e05b22cc7d4ef5", name: "Ada Lovelace", email: "ada@acme.com" }, ip = "203.0.113.24"): TEvent => ({
  id,
  type: "events",
  attributes: {
    time: new Date(timeMs).toISOString(),
    action: "user_login",
    actor,
    container: [{ id: ORG_ID, type: "orgs", attributes: { name: "Acme" } }],
    location: { ip, geo: "51.5072,-0.1276", countryName: "United Kingdom", regionName: "England", city: "London" },
  },
  message: { content: "Logged in to account", format: "simple" },
});

/** POSTs events through the control API and returns the parsed answer. */
export const postEvents = async (baseUrl: string, events: TEvent[], orgId = ORG_ID): Promise<{ appended: number }> => {
  const response = await fetch(`${baseUrl}/__sim/orgs/${orgId}/events`, { method: "POST", body: JSON.stringify(events) });
  if (response.status !== 202) throw new Error(`POST events → ${response.status}: ${await response.text()}`);
  return (await response.json()) as { appended: number };
};

export const control = async (baseUrl: string, method: string, path: string, body?: unknown): Promise<Response> =>
  fetch(`${baseUrl}/__sim${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });

export const authed = (baseUrl: string, path: string, key = API_KEY, init: RequestInit = {}): Promise<Response> =>
  fetch(`${baseUrl}${path}`, { ...init, headers: { Authorization: `Bearer ${key}`, ...init.headers } });
