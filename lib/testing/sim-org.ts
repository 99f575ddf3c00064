import { randomUUID } from "node:crypto";

/**
 * A small org on a running simulator via its control API: two verified domains, one unverified. Its site is named
 * from the org's name unless `sites` names them (docs/session-proxy.md).
 */
export const createSimOrg = async (baseUrl: string, options: { users?: number; scopes?: string[]; sites?: { name: string }[] } = {}) => {
  const id = randomUUID();
  const apiKey = `key-${randomUUID()}`;
  const users = Array.from({ length: options.users ?? 4 }, (_, i) => ({
    accountId: `acc-${i}-${id.slice(0, 8)}`,
    name: `User ${i}`,
    email: `user${i}@acme.test`,
    admin: i === 0,
  }));
  users.push({ accountId: `acc-out-${id.slice(0, 8)}`, name: "Outsider", email: "outsider@gmail.test", admin: false });
  const response = await fetch(`${baseUrl}/__sim/orgs`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      id,
      name: `Org ${id.slice(0, 6)}`,
      apiKeys: [{ key: apiKey, ...(options.scopes ? { scopes: options.scopes } : {}) }],
      domains: [
        { name: "acme.test", status: "verified" },
        { name: "acme-labs.test", status: "verified" },
        { name: "gmail.test", status: "unverified" },
      ],
      users,
      ...(options.sites ? { sites: options.sites } : {}),
    }),
  });
  if (response.status !== 201) throw new Error(`simulator refused the org: ${response.status} ${await response.text()}`);
  return { orgId: id, apiKey, users };
};

let counter = 0;

/** Atlassian-shaped login events of the given users (processedAt defaults to now in the simulator). */
export const loginEvents = (users: readonly { accountId: string; name: string; email: string }[], count: number, baseTime = Date.now() - 60_000) =>
  Array.from({ length: count }, (_, i) => {
    const user = users[i % users.length] as { accountId: string; name: string; email: string };
    counter++;
    return {
      id: randomUUID(),
      type: "events",
      attributes: {
        time: new Date(baseTime + i).toISOString(),
        action: "user_login",
        actor: { id: user.accountId, name: user.name, email: user.email },
        container: [{ id: "org", type: "orgs", attributes: { name: "Acme" } }],
        location: { ip: `203.0.113.${(counter % 250) + 1}`, geo: "51.5072,-0.1276", countryName: "United Kingdom", regionName: "England", city: "London" },
      },
      message: { content: "Logged in to account", format: "simple" },
    };
  });

export const postEvents = async (baseUrl: string, orgId: string, events: unknown[]) => {
  const response = await fetch(`${baseUrl}/__sim/orgs/${orgId}/events`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(events) });
  if (response.status !== 202) throw new Error(`simulator refused events: ${response.status} ${await response.text()}`);
};

const control = async (baseUrl: string, method: string, route: string, body?: unknown) => {
  const response = await fetch(`${baseUrl}/__sim${route}`, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (response.status >= 300) throw new Error(`simulator refused ${method} ${route}: ${response.status} ${await response.text()}`);
  return response.json() as Promise<unknown>;
};

/** POST /__sim/faults: merges fault settings (lib/simulator/faults.ts), e.g. `{ serverErrorRate: 0.2, orgId }`. */
export const setSimFaults = (baseUrl: string, update: Record<string, unknown>) => control(baseUrl, "POST", "/faults", update);

/** DELETE /__sim/faults: back to a healthy API. */
export const clearSimFaults = (baseUrl: string) => control(baseUrl, "DELETE", "/faults");

/** How many times each fault kind was injected since the simulator started. */
export const simFaultsInjected = async (baseUrl: string) =>
  ((await control(baseUrl, "GET", "/stats")) as { faultsInjected: Record<string, number | undefined> }).faultsInjected;

/** Adds a key to the org, or revokes one (it answers 401 from then on). */
export const addSimKey = (baseUrl: string, orgId: string, key: string, scopes?: string[]) => control(baseUrl, "POST", `/orgs/${orgId}/keys`, { key, ...(scopes ? { scopes } : {}) });
export const revokeSimKey = (baseUrl: string, orgId: string, key: string) => control(baseUrl, "POST", `/orgs/${orgId}/keys/${encodeURIComponent(key)}/revoke`);
