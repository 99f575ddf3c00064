// Placeholder: the real classification table comes from the `sites` branch (docs/session-proxy.md, "Classification").
export type TProxyProduct = "confluence" | "jira-software" | "bitbucket" | "atlassian";
export type TProxyAction =
  | "proxy_view_page"
  | "proxy_download_attachment"
  | "proxy_export_page"
  | "proxy_export_space"
  | "proxy_export_issues"
  | "proxy_download_archive"
  | "proxy_download_raw_file"
  | "proxy_sign_in"
  | "proxy_other";

export type TRequestClass = Readonly<{
  product: TProxyProduct;
  action: TProxyAction;
  objectType?: string;
  objectId?: string;
  objectName?: string;
  fileName?: string;
}>;

export const classifyRequest = (_request: Readonly<{ method: string; hostKind: "site" | "media"; pathname: string; search: URLSearchParams }>): TRequestClass => ({
  product: "atlassian",
  action: "proxy_other",
});
