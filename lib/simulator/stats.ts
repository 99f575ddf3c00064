import type { TFaultKind } from "./faults";
import type { TGovernanceKind } from "./store/sim-org";

/** Counters served by GET /__sim/stats, so tests and benchmarks can see what the client really did. */
export class SimStats {
  /** "GET /admin/v1/orgs/{orgId}/events-stream" → status → count. */
  requests: Record<string, Record<string, number>> = {};
  eventsServed = 0;
  rateLimited = 0;
  governanceCallsByKind: Partial<Record<TGovernanceKind, number>> = {};
  faultsInjected: Partial<Record<TFaultKind, number>> = {};

  recordRequest(route: string, status: number): void {
    const byStatus = (this.requests[route] ??= {});
    byStatus[String(status)] = (byStatus[String(status)] ?? 0) + 1;
    if (status === 429) this.rateLimited++;
  }

  recordGovernance(kind: TGovernanceKind): void {
    this.governanceCallsByKind[kind] = (this.governanceCallsByKind[kind] ?? 0) + 1;
  }

  recordFault(kind: TFaultKind): void {
    this.faultsInjected[kind] = (this.faultsInjected[kind] ?? 0) + 1;
  }

  reset(): void {
    this.requests = {};
    this.eventsServed = 0;
    this.rateLimited = 0;
    this.governanceCallsByKind = {};
    this.faultsInjected = {};
  }

  toJSON() {
    const governanceCalls = Object.values(this.governanceCallsByKind).reduce((sum, count) => sum + count, 0);
    const requestsTotal = Object.values(this.requests).reduce((sum, byStatus) => sum + Object.values(byStatus).reduce((a, b) => a + b, 0), 0);
    return {
      requests: this.requests,
      requestsTotal,
      eventsServed: this.eventsServed,
      rateLimited: this.rateLimited,
      governanceCalls,
      governanceCallsByKind: this.governanceCallsByKind,
      faultsInjected: this.faultsInjected,
    };
  }
}
