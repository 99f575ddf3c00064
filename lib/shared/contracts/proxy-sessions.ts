import { ZProxySessionDto, ZProxySessionIdParams, ZProxySessionPage, ZProxySessionQuery } from "../schemas/proxy-sessions";
import { defineRoute } from "./define-route";

const TAG = "Sessions";

export const proxySessionContracts = {
  list: defineRoute({
    method: "GET",
    path: "/api/v1/proxy-sessions",
    summary: "Live and recent sessions through the session proxy, most recently active first (keyset pages)",
    tag: TAG,
    auth: "analyst",
    query: ZProxySessionQuery,
    response: ZProxySessionPage,
  }),
  end: defineRoute({
    method: "POST",
    path: "/api/v1/proxy-sessions/{id}/end",
    summary: "End a proxied session: its next request must sign in again",
    tag: TAG,
    auth: "analyst",
    params: ZProxySessionIdParams,
    response: ZProxySessionDto,
  }),
};
