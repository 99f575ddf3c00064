import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { HANG, runApiRoute } from "./api-pipeline";
import type { TControlContext } from "./control/control-context";
import { CONTROL_ROUTES } from "./control/control-routes";
import { errorResponse, SimHttpError, type TSimResponse } from "./http-kit";
import { createRouter } from "./router";
import { resolveHost } from "./sites/host";
import { handleSiteRequest } from "./sites/site-server";
import { createSitesRuntime } from "./sites/site-runtime";
import type { TApiContext } from "./routes/api-context";
import { API_ROUTES, type TApiRoute } from "./routes/api-routes";
import type { TSimulatorState } from "./state";

const matchApi = createRouter<TApiContext, TApiRoute>(API_ROUTES);
const matchControl = createRouter<TControlContext>(CONTROL_ROUTES);

const send = (response: ServerResponse, result: TSimResponse): void => {
  const headers: Record<string, string | number> = { ...result.headers };
  if (result.body !== undefined) {
    headers["Content-Type"] = "application/json; charset=utf-8";
    headers["Content-Length"] = Buffer.byteLength(result.body);
  }
  response.writeHead(result.status, headers);
  response.end(result.body);
};

const unmatched = (method: string, match: { kind: "method-not-allowed" | "not-found" }): TSimResponse =>
  match.kind === "method-not-allowed"
    ? errorResponse(405, "METHOD_NOT_ALLOWED", `${method} is not supported here`)
    : errorResponse(404, "NOT_FOUND", "no such endpoint");

const handleControl = async (state: TSimulatorState, request: IncomingMessage, url: URL): Promise<TSimResponse> => {
  const match = matchControl(request.method ?? "GET", url.pathname);
  if (match.kind !== "found") return unmatched(request.method ?? "GET", match);
  return (await match.route.handler({ state, request, url, params: match.params })) as TSimResponse;
};

const handleApi = async (state: TSimulatorState, request: IncomingMessage, url: URL): Promise<TSimResponse | typeof HANG> => {
  const method = request.method ?? "GET";
  const match = matchApi(method, url.pathname);
  if (match.kind !== "found") {
    const result = unmatched(method, match);
    state.stats.recordRequest(`${method} ${match.kind === "method-not-allowed" ? match.template : "(unknown path)"}`, result.status);
    return result;
  }
  const result = await runApiRoute(state, match.route, request, url, match.params);
  state.stats.recordRequest(`${method} ${match.route.template}`, result === HANG ? 0 : result.status);
  return result;
};

/**
 * The simulator's HTTP server, by Host: the orgs' sites and the media host (lib/simulator/sites/), else the
 * faithful Atlassian API plus the /__sim/ control API. Hung requests are left open on purpose; close them with
 * server.closeAllConnections().
 */
export const createSimulatorServer = (state: TSimulatorState): Server => {
  const sites = createSitesRuntime(state);
  return createServer((request, response) => {
    const target = resolveHost(request.headers.host);
    if (target.kind !== "api") return handleSiteRequest(sites, target, request, response);
    const url = new URL(request.url ?? "/", "http://simulator.invalid");
    const isControl = url.pathname === "/__sim" || url.pathname.startsWith("/__sim/");
    (isControl ? handleControl(state, request, url) : handleApi(state, request, url))
      .catch((error: unknown) =>
        error instanceof SimHttpError
          ? errorResponse(error.status, error.code, error.message)
          : errorResponse(500, "INTERNAL_ERROR", `simulator bug: ${(error as Error).message}`),
      )
      .then((result) => {
        if (result !== HANG) send(response, result);
      })
      .catch(() => response.destroy());
  });
};
