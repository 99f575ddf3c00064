import type { TSaveOidcInput, TSaveSamlInput, TSsoPolicyInput, TSsoProtocol, TSsoSettingsDto } from "../../shared/schemas/sso";
import { apiFetch } from "../api-client";

const base = "/api/v1/sso";

/** Fetch client for /api/v1/sso (Settings → Single sign-on). */
export const ssoApi = {
  settings: () => apiFetch<TSsoSettingsDto>(base),
  saveOidc: (input: TSaveOidcInput) => apiFetch<TSsoSettingsDto>(`${base}/oidc`, { method: "PUT", json: input }),
  saveSaml: (input: TSaveSamlInput) => apiFetch<TSsoSettingsDto>(`${base}/saml`, { method: "PUT", json: input }),
  removeConnection: (protocol: TSsoProtocol) => apiFetch<TSsoSettingsDto>(`${base}/${protocol}`, { method: "DELETE" }),
  savePolicy: (input: TSsoPolicyInput) => apiFetch<TSsoSettingsDto>(`${base}/policy`, { method: "PUT", json: input }),
  setBreakGlass: (userId: string, isBreakGlass: boolean) =>
    apiFetch<TSsoSettingsDto>(`${base}/break-glass/${encodeURIComponent(userId)}`, { method: "PUT", json: { isBreakGlass } }),
};
