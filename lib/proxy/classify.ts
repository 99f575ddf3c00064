/**
 * The session proxy's table of Atlassian URL patterns (docs/session-proxy.md, "Classification"): what a
 * proxied request does, by host kind, method and URL. Pure: no I/O, so the table is tested from URL shapes.
 */
export const PROXY_ACTIONS = [
  "proxy_view_page",
  "proxy_download_attachment",
  "proxy_export_page",
  "proxy_export_space",
  "proxy_export_issues",
  "proxy_download_archive",
  "proxy_download_raw_file",
  "proxy_sign_in",
  "proxy_other",
] as const;
export type TProxyAction = (typeof PROXY_ACTIONS)[number];

/** The activity log's name of each logged action (proxy_other is counted in the session, never logged). */
export const PROXY_ACTION_NAMES: Readonly<Record<Exclude<TProxyAction, "proxy_other">, string>> = {
  proxy_view_page: "Viewed page (session proxy)",
  proxy_download_attachment: "Downloaded attachment (session proxy)",
  proxy_export_page: "Exported page (session proxy)",
  proxy_export_space: "Exported space (session proxy)",
  proxy_export_issues: "Exported issues (session proxy)",
  proxy_download_archive: "Downloaded repository archive (session proxy)",
  proxy_download_raw_file: "Downloaded raw file (session proxy)",
  proxy_sign_in: "Signed in (session proxy)",
};

export const PROXY_PRODUCTS = ["confluence", "jira-software", "bitbucket", "atlassian"] as const;
export type TProxyProduct = (typeof PROXY_PRODUCTS)[number];

export type TClassifyInput = Readonly<{ method: string; hostKind: "site" | "media"; pathname: string; search: URLSearchParams }>;

export type TClassification = {
  product: TProxyProduct;
  action: TProxyAction;
  /** page, space, issue, project, attachment, filter, repository, media_file, site. */
  objectType?: string;
  objectId?: string;
  objectName?: string;
  fileName?: string;
};

type TObject = Omit<TClassification, "product" | "action">;

type TRule = Readonly<{
  hostKind: "site" | "media";
  /** Methods the rule applies to. HEAD is in none: it moves no content, so it is proxy_other. */
  methods: readonly string[];
  pattern: RegExp;
  product: TProxyProduct;
  action: TProxyAction;
  object?: (groups: readonly string[], search: URLSearchParams) => TObject;
}>;

const GET = ["GET"] as const;

const decode = (text: string | undefined): string | undefined => {
  if (text === undefined || text === "") return undefined;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};
/** Confluence puts titles in paths with `+` for spaces. */
const title = (text: string | undefined): string | undefined => decode(text?.replace(/\+/g, " "));
const lastSegment = (path: string | undefined): string | undefined => decode(path?.slice(path.lastIndexOf("/") + 1));
const param = (search: URLSearchParams, name: string): string | undefined => search.get(name) || undefined;

// Paths of Atlassian's own apps on a site; a two-segment path outside them is a Bitbucket {workspace}/{repo}.
const RESERVED =
  "wiki|jira|browse|secure|rest|sr|si|s|gateway|login|logout|issues|projects|plugins|servicedesk|people|teams|images|assets|static|_edge|download|admin|home|helpcenter|compass";

/** The table, first match wins. Groups are raw (still percent-encoded) path captures. */
const RULES: readonly TRule[] = [
  // Atlassian: sign-in.
  { hostKind: "site", methods: ["POST"], pattern: /^\/login\/?$/, product: "atlassian", action: "proxy_sign_in" },

  // Confluence.
  {
    hostKind: "site",
    methods: GET,
    pattern: /^\/wiki\/download\/attachments\/(\d+)\/(.+)$/,
    product: "confluence",
    action: "proxy_download_attachment",
    object: ([pageId, file]) => ({ objectType: "page", objectId: pageId, fileName: lastSegment(file) }),
  },
  {
    hostKind: "site",
    methods: GET,
    pattern: /^\/wiki\/rest\/api\/content\/(\d+)\/child\/attachment\/([^/]+)\/download$/,
    product: "confluence",
    action: "proxy_download_attachment",
    object: ([pageId, attachmentId]) => ({ objectType: "page", objectId: pageId, objectName: decode(attachmentId) }),
  },
  {
    hostKind: "site",
    methods: GET,
    pattern: /^\/wiki\/(?:spaces\/(?:[^/]+\/)?pdfpageexport\.action|exportword)$/,
    product: "confluence",
    action: "proxy_export_page",
    object: (_groups, search) => ({ objectType: "page", objectId: param(search, "pageId") }),
  },
  {
    hostKind: "site",
    methods: ["GET", "POST"],
    pattern: /^\/wiki\/spaces\/(?:doexportspace|exportspacexml|exportspacehtml|exportspacecsv|flyingpdf\/doflyingpdf)\.action$/,
    product: "confluence",
    action: "proxy_export_space",
    object: (_groups, search) => ({ objectType: "space", objectId: param(search, "key") }),
  },
  {
    hostKind: "site",
    methods: GET,
    pattern: /^\/wiki\/spaces\/([^/]+)\/export$/,
    product: "confluence",
    action: "proxy_export_space",
    object: ([key]) => ({ objectType: "space", objectId: decode(key) }),
  },
  {
    // Finished exports are fetched from download/temp: a zip is a space, anything else (pdf, doc) a page.
    hostKind: "site",
    methods: GET,
    pattern: /^\/wiki\/download\/temp\/(.+\.zip)$/i,
    product: "confluence",
    action: "proxy_export_space",
    object: ([file]) => ({ objectType: "space", fileName: lastSegment(file) }),
  },
  {
    hostKind: "site",
    methods: GET,
    pattern: /^\/wiki\/download\/temp\/(.+)$/,
    product: "confluence",
    action: "proxy_export_page",
    object: ([file]) => ({ objectType: "page", fileName: lastSegment(file) }),
  },
  {
    hostKind: "site",
    methods: GET,
    pattern: /^\/wiki\/spaces\/([^/]+)\/pages\/(\d+)(?:\/([^/]*))?\/?$/,
    product: "confluence",
    action: "proxy_view_page",
    object: ([key, pageId, pageTitle]) => ({ objectType: "page", objectId: pageId, objectName: title(pageTitle) ?? decode(key) }),
  },
  {
    hostKind: "site",
    methods: GET,
    pattern: /^\/wiki\/pages\/viewpage\.action$/,
    product: "confluence",
    action: "proxy_view_page",
    object: (_groups, search) => ({ objectType: "page", objectId: param(search, "pageId") }),
  },
  {
    hostKind: "site",
    methods: GET,
    pattern: /^\/wiki\/(?:x|display\/[^/]+)\/([^/]+)\/?$/,
    product: "confluence",
    action: "proxy_view_page",
    object: ([id]) => ({ objectType: "page", objectName: title(id) }),
  },
  {
    hostKind: "site",
    methods: GET,
    pattern: /^\/wiki\/spaces\/([^/]+)(?:\/overview)?\/?$/,
    product: "confluence",
    action: "proxy_view_page",
    object: ([key]) => ({ objectType: "space", objectId: decode(key) }),
  },

  // Jira.
  {
    hostKind: "site",
    methods: GET,
    pattern: /^\/secure\/attachment\/(\d+)\/(.+)$/,
    product: "jira-software",
    action: "proxy_download_attachment",
    object: ([id, file]) => ({ objectType: "attachment", objectId: id, fileName: lastSegment(file) }),
  },
  {
    hostKind: "site",
    methods: GET,
    pattern: /^\/rest\/api\/(?:2|3|latest)\/attachment\/content\/(\d+)$/,
    product: "jira-software",
    action: "proxy_download_attachment",
    object: ([id]) => ({ objectType: "attachment", objectId: id }),
  },
  {
    hostKind: "site",
    methods: GET,
    pattern: /^\/sr\/jira\.issueviews:searchrequest-[a-z-]+\/([^/]+)\/([^/]+)$/,
    product: "jira-software",
    action: "proxy_export_issues",
    object: ([filterId, file], search) => ({ objectType: "filter", objectId: decode(filterId), objectName: param(search, "jqlQuery"), fileName: decode(file) }),
  },
  {
    hostKind: "site",
    methods: GET,
    pattern: /^\/si\/jira\.issueviews:issue-[a-z-]+\/([^/]+)\/([^/]+)$/,
    product: "jira-software",
    action: "proxy_export_issues",
    object: ([key, file]) => ({ objectType: "issue", objectId: decode(key), objectName: decode(key), fileName: decode(file) }),
  },
  {
    hostKind: "site",
    methods: GET,
    pattern: /^\/(?:browse|issues)\/([A-Z][A-Z0-9_]*-\d+)\/?$/,
    product: "jira-software",
    action: "proxy_view_page",
    object: ([key]) => ({ objectType: "issue", objectId: key, objectName: key }),
  },
  {
    hostKind: "site",
    methods: GET,
    pattern: /^\/(?:browse\/|jira\/(?:software\/(?:c\/)?|core\/|servicedesk\/)?projects\/)([A-Z][A-Z0-9_]*)(?:\/.*)?$/,
    product: "jira-software",
    action: "proxy_view_page",
    object: ([key]) => ({ objectType: "project", objectId: key, objectName: key }),
  },

  // Bitbucket: {workspace}/{repo} paths (on bitbucket.org, and on the simulator's sites).
  {
    hostKind: "site",
    methods: GET,
    pattern: new RegExp(`^\\/(?!(?:${RESERVED})\\/)([^/]+)\\/([^/]+)\\/get\\/([^/]+\\.(?:zip|tar\\.gz|tar\\.bz2|tgz|tar))$`),
    product: "bitbucket",
    action: "proxy_download_archive",
    object: ([workspace, repo, file]) => ({ objectType: "repository", objectId: `${decode(workspace)}/${decode(repo)}`, objectName: decode(repo), fileName: decode(file) }),
  },
  {
    hostKind: "site",
    methods: GET,
    pattern: new RegExp(`^\\/(?!(?:${RESERVED})\\/)([^/]+)\\/([^/]+)\\/raw\\/([^/]+)\\/(.+)$`),
    product: "bitbucket",
    action: "proxy_download_raw_file",
    object: ([workspace, repo, _commit, path]) => ({ objectType: "repository", objectId: `${decode(workspace)}/${decode(repo)}`, objectName: decode(repo), fileName: decode(path) }),
  },
  {
    hostKind: "site",
    methods: GET,
    pattern: new RegExp(`^\\/(?!(?:${RESERVED})\\/)([a-z0-9][a-z0-9_.-]*)\\/([a-z0-9_.-]+)(?:\\/(?:src|commits|branches|pull-requests|browse)(?:\\/.*)?)?\\/?$`, "i"),
    product: "bitbucket",
    action: "proxy_view_page",
    object: ([workspace, repo]) => ({ objectType: "repository", objectId: `${decode(workspace)}/${decode(repo)}`, objectName: decode(repo) }),
  },

  // The site's home.
  { hostKind: "site", methods: GET, pattern: /^\/$/, product: "atlassian", action: "proxy_view_page", object: () => ({ objectType: "site" }) },

  // The media host (both Jira and Confluence redirect downloads there: the URL alone does not tell which).
  {
    hostKind: "media",
    methods: GET,
    pattern: /^\/file\/([0-9a-f-]{36})\/binary$/i,
    product: "atlassian",
    action: "proxy_download_attachment",
    object: ([id], search) => ({ objectType: "media_file", objectId: id, fileName: param(search, "name") }),
  },
];

const OTHER_PRODUCT: readonly [RegExp, TProxyProduct][] = [
  [/^\/wiki(?:\/|$)/, "confluence"],
  [/^\/(?:rest|secure|browse|jira|sr|si|issues|projects|servicedesk)(?:\/|$)/, "jira-software"],
];

/** Classifies one proxied request: the first matching row of the table, else `proxy_other` by path prefix. */
export const classifyRequest = (input: TClassifyInput): TClassification => {
  const method = input.method.toUpperCase();
  for (const rule of RULES) {
    if (rule.hostKind !== input.hostKind || !rule.methods.includes(method)) continue;
    const match = rule.pattern.exec(input.pathname);
    if (!match) continue;
    const object = rule.object?.(match.slice(1).map((group) => group ?? ""), input.search) ?? {};
    const defined = Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as TObject;
    return { product: rule.product, action: rule.action, ...defined };
  }
  const product = input.hostKind === "site" ? OTHER_PRODUCT.find(([pattern]) => pattern.test(input.pathname))?.[1] : undefined;
  return { product: product ?? "atlassian", action: "proxy_other" };
};
