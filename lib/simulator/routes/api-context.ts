import type { IncomingMessage } from "node:http";
import type { TSimulatorState } from "../state";
import type { TEventShapes } from "../store/event-serializer";
import type { TSimApiKey, TSimOrg } from "../store/sim-org";

/** What a faithful-API handler gets once the key, the org and the rate limit have been checked. */
export type TApiContext = {
  state: TSimulatorState;
  request: IncomingMessage;
  url: URL;
  params: Record<string, string>;
  /** The org in the path, or the key's org for /users/{accountId}/manage/... routes. */
  org: TSimOrg;
  apiKey: TSimApiKey;
  /** Whether the run-time faults apply to this request (org and path filters). */
  hasFaults: boolean;
};

/** `${baseUrl}/admin/v1/orgs/${orgId}`, the prefix of most links. */
export const orgUrl = (context: TApiContext): string => `${context.state.baseUrl}/admin/v1/orgs/${encodeURIComponent(context.org.id)}`;

/** The event-shape faults for this request (malformedEventRate, singleObjectResources), or undefined when none applies. */
export const eventShapes = (context: TApiContext): TEventShapes | undefined => {
  const { faults, stats } = context.state;
  const { malformedEventRate, singleObjectResources } = faults.settings;
  if (!context.hasFaults || (malformedEventRate <= 0 && !singleObjectResources)) return undefined;
  return { malformedEventRate, singleObjectResources, onFault: (kind) => stats.recordFault(kind) };
};
