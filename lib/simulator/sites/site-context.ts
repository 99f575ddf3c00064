import type { IncomingMessage, ServerResponse } from "node:http";
import type { TSiteProduct } from "../org-definition";
import type { TSimOrg, TSimSite, TSimUser } from "../store/sim-org";
import type { TSiteCatalog } from "./catalog";
import type { TSiteOrigins } from "./host";
import { renderPage } from "./html";
import { sendHtml } from "./site-http";
import type { TSitesRuntime } from "./site-runtime";

/** What a site route handler gets; `user` is set for every route but the public ones. */
export type TSiteContext = {
  runtime: TSitesRuntime;
  org: TSimOrg;
  site: TSimSite;
  catalog: TSiteCatalog;
  origins: TSiteOrigins;
  request: IncomingMessage;
  response: ServerResponse;
  url: URL;
  user: TSimUser | undefined;
  sessionToken: string | undefined;
};

/**
 * A site route. `access`: "public" needs no session; "page" (pages and downloads) redirects to /login without
 * one; "rest" answers 401 JSON. `groups` are the pattern's captures, percent-decoded.
 */
export type TSiteRoute = {
  method: "GET" | "POST";
  pattern: RegExp;
  access: "public" | "page" | "rest";
  product?: TSiteProduct;
  handler: (context: TSiteContext, groups: string[]) => void | Promise<void>;
};

/** Sends a page of the site in the common frame, with the signed-in user in the header. */
export const sendPage = (context: TSiteContext, title: string, body: string, scriptLinkPath?: string): void =>
  sendHtml(
    context.response,
    200,
    renderPage({ origins: context.origins, siteName: context.site.name, title, body, user: context.user, scriptLinkPath }),
  );
