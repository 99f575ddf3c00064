import { ZBreakGlassInput, ZBreakGlassParams, ZSaveOidcInput, ZSaveSamlInput, ZSsoPolicyInput, ZSsoSettingsDto } from "../schemas/sso";
import { defineRoute } from "./define-route";

const TAG = "Single sign-on";

export const ssoContracts = {
  get: defineRoute({
    method: "GET",
    path: "/api/v1/sso",
    summary: "Single sign-on settings: the OpenID Connect connection (the client secret only as set or not), role mappings, Require SSO, break-glass accounts and the redirect URL to register",
    tag: TAG,
    auth: "admin",
    response: ZSsoSettingsDto,
  }),
  saveOidc: defineRoute({
    method: "PUT",
    path: "/api/v1/sso/oidc",
    summary: "Save the OpenID Connect connection; discovery, the key set and the client are checked first (400 naming the field when the issuer is unreachable or wrong, or the client is refused). An empty clientSecret keeps the stored one",
    tag: TAG,
    auth: "admin",
    body: ZSaveOidcInput,
    response: ZSsoSettingsDto,
  }),
  saveSaml: defineRoute({
    method: "PUT",
    path: "/api/v1/sso/saml",
    summary: "Save the SAML 2.0 connection from the IdP's metadata: metadataXml (uploaded) or metadataUrl (fetched under the address rules). It must name the entity ID, an HTTP-Redirect SingleSignOnService and a signing certificate (400 naming the field otherwise)",
    tag: TAG,
    auth: "admin",
    body: ZSaveSamlInput,
    response: ZSsoSettingsDto,
  }),
  samlMetadata: defineRoute({
    method: "GET",
    path: "/api/v1/sso/saml/metadata",
    summary: "Watchpost's SAML service provider metadata (entity ID = this URL, ACS URL, signed assertions wanted), for the IdP; public, as IdPs fetch it without credentials",
    tag: TAG,
    auth: "public",
    produces: ["application/samlmetadata+xml"],
  }),
  removeOidc: defineRoute({
    method: "DELETE",
    path: "/api/v1/sso/oidc",
    summary: "Remove the OpenID Connect connection; removing the last connection also switches Require SSO off. Audited",
    tag: TAG,
    auth: "admin",
    response: ZSsoSettingsDto,
  }),
  removeSaml: defineRoute({
    method: "DELETE",
    path: "/api/v1/sso/saml",
    summary: "Remove the SAML connection; removing the last connection also switches Require SSO off. Audited",
    tag: TAG,
    auth: "admin",
    response: ZSsoSettingsDto,
  }),
  savePolicy: defineRoute({
    method: "PUT",
    path: "/api/v1/sso/policy",
    summary: "Ordered role mappings (group value → role, first match wins), the default role (null refuses unmapped users) and Require SSO (needs an enabled break-glass admin)",
    tag: TAG,
    auth: "admin",
    body: ZSsoPolicyInput,
    response: ZSsoSettingsDto,
  }),
  setBreakGlass: defineRoute({
    method: "PUT",
    path: "/api/v1/sso/break-glass/{userId}",
    summary: "Mark or unmark a break-glass account: the only accounts that may sign in with a password while SSO is required",
    tag: TAG,
    auth: "admin",
    params: ZBreakGlassParams,
    body: ZBreakGlassInput,
    response: ZSsoSettingsDto,
  }),
};
