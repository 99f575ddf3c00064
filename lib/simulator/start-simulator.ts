import { createServer as createHttpsServer, type Server as HttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { demoScenario } from "./demo";
import { startLiveActivity, type TLiveActivity, type TLiveActivityOptions } from "./live-activity";
import type { TRateLimitConfigInput } from "./rate-limiter";
import { loadScenario } from "./scenario/load-scenario";
import type { TScenario } from "./scenario/schema";
import { createSimulatorServer } from "./server";
import { createState, type TSimulatorState } from "./state";

export type TStartSimulatorOptions = {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Loopback only: the control API has no auth. */
  host?: "127.0.0.1";
  /** Overrides the scenario's seed; also seeds the fault dice. Default the scenario's seed, else 42. */
  seed?: number;
  scenario?: TScenario;
  /** Serve the demo org (lib/simulator/demo.ts) with live activity until close(). */
  demo?: boolean;
  /** Tuning of the demo's live activity; `false` serves the demo history only. */
  demoLive?: TLiveActivityOptions | false;
  /** Clock for rate limits, key expiry and processedAt; tests inject one to move time without sleeping. */
  now?: () => Date;
  rateLimits?: TRateLimitConfigInput;
  /** Generate exactly this many events for the scenario instead of its `days` (benchmarks). */
  scenarioEvents?: number;
  /** Record the wall-clock time each event became visible on /events-stream; read it with visibleAt() (benchmarks). */
  recordVisibility?: boolean;
  /**
   * Also serve everything over HTTPS on this port (0 picks one), as Atlassian's sites are: bench:proxy compares the
   * session proxy with direct HTTPS requests, so both sides pay for TLS toward the browser.
   */
  tls?: Readonly<{ port?: number; cert: string; key: string }>;
};

export type TRunningSimulator = {
  /** e.g. http://127.0.0.1:4010; pass it as the client's baseUrl. */
  baseUrl: string;
  orgs: { id: string; name: string; apiKeys: string[] }[];
  /** With `tls`: the HTTPS listener's port. */
  tlsPort?: number;
  /** Stops live activity, drops hung connections and closes the server. */
  close(): Promise<void>;
  /** The in-memory state, for in-process tests and benchmarks. */
  state: TSimulatorState;
  /**
   * With `recordVisibility`: the wall-clock ms (Date.now()) at which the event was appended to the org, from
   * when on any /events-stream poll serves it; undefined for an unknown event or without recording.
   */
  visibleAt(orgId: string, eventId: string): number | undefined;
};

/** Starts the Atlassian Admin API simulator; resolves once it listens and every org is loaded. */
export const startSimulator = async (options: TStartSimulatorOptions = {}): Promise<TRunningSimulator> => {
  const clock = options.now;
  const now = clock ? () => clock().getTime() : () => Date.now();
  const seed = options.seed ?? options.scenario?.seed ?? 42;
  const state = createState({ seed, now, rateLimits: options.rateLimits, recordVisibility: options.recordVisibility });
  const live: TLiveActivity[] = [];
  if (options.scenario) loadScenario(state, options.scenario, { seed: options.seed, nowMs: now(), maxEvents: options.scenarioEvents });
  if (options.demo) {
    const { world, org } = loadScenario(state, demoScenario(), { seed: options.seed, nowMs: now() });
    if (options.demoLive !== false) live.push(startLiveActivity(org, world, now, options.demoLive ?? {}));
  }

  const server = createSimulatorServer(state);
  server.keepAliveTimeout = 30_000;
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  state.baseUrl = `http://${host}:${port}`;
  let tlsServer: HttpsServer | undefined;
  if (options.tls) {
    // The same handler and state behind both listeners: an org created over HTTP is served over HTTPS too.
    const handler = server.listeners("request")[0] as Parameters<typeof createHttpsServer>[1];
    const secure = createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, handler);
    secure.keepAliveTimeout = server.keepAliveTimeout;
    await new Promise<void>((resolve, reject) => {
      secure.once("error", reject);
      secure.listen(options.tls?.port ?? 0, host, () => resolve());
    });
    tlsServer = secure;
  }

  return {
    baseUrl: state.baseUrl,
    orgs: [...state.orgs.values()].map((org) => ({ id: org.id, name: org.name, apiKeys: org.keys.map((apiKey) => apiKey.key) })),
    state,
    visibleAt: (orgId, eventId) => state.orgs.get(orgId)?.events.visibleAt?.get(eventId),
    tlsPort: tlsServer ? (tlsServer.address() as AddressInfo).port : undefined,
    close: async () => {
      for (const activity of live) activity.stop();
      if (tlsServer) {
        tlsServer.closeAllConnections();
        await new Promise<void>((resolve) => tlsServer?.close(() => resolve()));
      }
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
};
