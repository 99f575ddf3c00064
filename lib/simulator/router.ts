export type THttpMethod = "GET" | "POST" | "PUT" | "DELETE";

export type TRoute<TContext> = {
  method: THttpMethod;
  /** Path with `:name` parameters, e.g. "/admin/v1/orgs/:orgId/events". */
  pattern: string;
  handler: (context: TContext) => unknown;
};

type TCompiled<TDef> = TDef & { segments: string[]; template: string };

export type TMatch<TDef> =
  | { kind: "found"; route: TCompiled<TDef>; params: Record<string, string> }
  | { kind: "method-not-allowed"; template: string }
  | { kind: "not-found" };

/** `:orgId` → `{orgId}`, the form used as the stats key of a route. */
const templateOf = (pattern: string): string => pattern.replace(/:([A-Za-z]+)/g, "{$1}");

/** A tiny segment matcher; the simulator has a few dozen fixed routes, so no trie is needed. */
export const createRouter = <TContext, TDef extends TRoute<TContext> = TRoute<TContext>>(routes: readonly TDef[]) => {
  const compiled: TCompiled<TDef>[] = routes.map((route) => ({
    ...route,
    segments: route.pattern.split("/").filter(Boolean),
    template: templateOf(route.pattern),
  }));

  return (method: string, pathname: string): TMatch<TDef> => {
    const parts = pathname.split("/").filter(Boolean);
    let pathTemplate: string | undefined;
    for (const route of compiled) {
      if (route.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      const isMatch = route.segments.every((segment, index) => {
        const part = parts[index] ?? "";
        if (!segment.startsWith(":")) return segment === part;
        try {
          params[segment.slice(1)] = decodeURIComponent(part);
          return true;
        } catch {
          return false;
        }
      });
      if (!isMatch) continue;
      if (route.method === method) return { kind: "found", route, params };
      pathTemplate ??= route.template;
    }
    return pathTemplate ? { kind: "method-not-allowed", template: pathTemplate } : { kind: "not-found" };
  };
};
