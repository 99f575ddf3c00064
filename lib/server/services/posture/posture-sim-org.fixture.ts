import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { ZScenario } from "../../../simulator/scenario/schema";

/**
 * Test fixture: puts a posture scenario org (docs/scenarios/posture-*.json) on a running simulator under a
 * fresh org id and key, and logs every user in except those listed as idle (so "inactive users" is known).
 */
export const createPostureSimOrg = async (baseUrl: string, scenario: "strong" | "partial", options: { idle?: readonly string[] } = {}) => {
  const file = path.join(process.cwd(), "docs", "scenarios", `posture-${scenario}.json`);
  const { org } = ZScenario.parse(JSON.parse(readFileSync(file, "utf8")));
  const suffix = randomUUID().slice(0, 8);
  const definition = { ...org, id: `${org.id}-${suffix}`, name: `${org.name} ${suffix}`, apiKeys: [{ key: `${org.id}-key-${randomUUID()}` }] };
  const created = await sim(baseUrl, "POST", "/__sim/orgs", definition);
  if (created.status !== 201) throw new Error(`simulator refused the org: ${created.status} ${await created.text()}`);
  const apiKey = definition.apiKeys[0]!.key;
  const logins = org.users
    .filter((u) => !(options.idle ?? []).includes(u.accountId))
    .map((u, i) => ({
      id: randomUUID(),
      type: "events",
      attributes: { time: new Date(Date.now() - 120_000 + i).toISOString(), action: "user_login", actor: { id: u.accountId, name: u.name, email: u.email } },
      message: { content: "Logged in to account", format: "simple" },
    }));
  await postSimEvents(baseUrl, definition.id, logins);
  return { orgId: definition.id, apiKey, definition };
};

const sim = (baseUrl: string, method: string, pathname: string, body: unknown) =>
  fetch(`${baseUrl}${pathname}`, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

export const postSimEvents = async (baseUrl: string, orgId: string, events: unknown[]) => {
  const response = await sim(baseUrl, "POST", `/__sim/orgs/${orgId}/events`, events);
  if (response.status !== 202) throw new Error(`simulator refused events: ${response.status} ${await response.text()}`);
};

/** Replaces the org's policies (PUT /__sim/orgs/{id}/policies). */
export const putSimPolicies = async (baseUrl: string, orgId: string, policies: unknown[]) => {
  const response = await sim(baseUrl, "PUT", `/__sim/orgs/${orgId}/policies`, policies);
  if (!response.ok) throw new Error(`simulator refused policies: ${response.status} ${await response.text()}`);
};

/** An Atlassian-shaped org audit event of a named admin changing a security setting. */
export const settingChangeEvent = (action: string, actor: { accountId: string; name: string; email: string }, content: string, at = new Date(Date.now() - 30_000)) => ({
  id: randomUUID(),
  type: "events",
  attributes: {
    time: at.toISOString(),
    action,
    actor: { id: actor.accountId, name: actor.name, email: actor.email },
    container: [{ id: "org", type: "orgs", attributes: { name: "Org" } }],
    location: { ip: "203.0.113.77", geo: "51.5072,-0.1276", countryName: "United Kingdom", city: "London" },
  },
  message: { content, format: "simple" },
});
