import type { TRoute } from "../router";
import type { TControlContext } from "./control-context";
import * as orgs from "./org-control";
import * as sim from "./sim-control";

/** The simulator-only control API under /__sim/ (no auth; the server binds to loopback). */
export const CONTROL_ROUTES: readonly TRoute<TControlContext>[] = [
  { method: "GET", pattern: "/__sim/health", handler: sim.health },
  { method: "GET", pattern: "/__sim/orgs", handler: orgs.listOrgs },
  { method: "POST", pattern: "/__sim/orgs", handler: orgs.createOrg },
  { method: "DELETE", pattern: "/__sim/orgs/:orgId", handler: orgs.deleteOrg },
  { method: "POST", pattern: "/__sim/orgs/:orgId/events", handler: orgs.postEvents },
  { method: "GET", pattern: "/__sim/orgs/:orgId/users", handler: orgs.listUsers },
  { method: "POST", pattern: "/__sim/orgs/:orgId/users", handler: orgs.postUsers },
  { method: "PUT", pattern: "/__sim/orgs/:orgId/policies", handler: orgs.putPolicies },
  { method: "POST", pattern: "/__sim/orgs/:orgId/keys", handler: orgs.postKey },
  { method: "POST", pattern: "/__sim/orgs/:orgId/keys/:key/expire", handler: orgs.changeKey("expire") },
  { method: "POST", pattern: "/__sim/orgs/:orgId/keys/:key/revoke", handler: orgs.changeKey("revoke") },
  { method: "GET", pattern: "/__sim/orgs/:orgId/episodes", handler: orgs.listEpisodes },
  { method: "POST", pattern: "/__sim/orgs/:orgId/episodes", handler: orgs.postEpisode },
  { method: "GET", pattern: "/__sim/faults", handler: sim.getFaults },
  { method: "POST", pattern: "/__sim/faults", handler: sim.postFaults },
  { method: "DELETE", pattern: "/__sim/faults", handler: sim.clearFaults },
  { method: "GET", pattern: "/__sim/rate-limits", handler: sim.getRateLimits },
  { method: "POST", pattern: "/__sim/rate-limits", handler: sim.postRateLimits },
  { method: "GET", pattern: "/__sim/stats", handler: sim.getStats },
  { method: "DELETE", pattern: "/__sim/stats", handler: sim.resetStats },
];
