import { ZConnectorIdParams } from "../schemas/connectors";
import { ZSetSiteProtectionInput, ZSiteDto, ZSiteList, ZSiteParams } from "../schemas/sites";
import { defineRoute } from "./define-route";

const TAG = "Connectors";

export const siteContracts = {
  list: defineRoute({
    method: "GET",
    path: "/api/v1/connectors/{id}/sites",
    summary: "The org's Atlassian sites (from the workspaces listing) with their session-proxy switch and proxied URL",
    tag: TAG,
    auth: "viewer",
    params: ZConnectorIdParams,
    response: ZSiteList,
  }),
  update: defineRoute({
    method: "PATCH",
    path: "/api/v1/connectors/{id}/sites/{siteId}",
    summary: "Protect a site through the session proxy, or stop protecting it",
    tag: TAG,
    auth: "admin",
    params: ZSiteParams,
    body: ZSetSiteProtectionInput,
    response: ZSiteDto,
  }),
};
