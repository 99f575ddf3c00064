import { SIMULATED_PASSWORD } from "./credentials";
import { appScript, escapeHtml, renderPage } from "./html";
import { sendPage, type TSiteContext, type TSiteRoute } from "./site-context";
import { errorPage, readForm, redirect, sendHtml, sendJson } from "./site-http";
import { endSession, SESSION_COOKIE, startSession } from "./site-runtime";

/** `continue` when it is a path on this host (relative, or absolute to this very host); else "/". */
export const safeContinue = (value: string | null, authority: string): string => {
  if (!value) return "/";
  if (value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/\\")) return value;
  try {
    const target = new URL(value);
    if ((target.protocol === "http:" || target.protocol === "https:") && target.host === authority) return `${target.pathname}${target.search}`;
  } catch {
    // not a URL: fall through to the site's home
  }
  return "/";
};

const loginForm = (context: TSiteContext, status: number, continuePath: string, error?: string): void => {
  const { origins } = context;
  const body = `${error ? `<p id="login-error" role="alert">${escapeHtml(error)}</p>` : ""}
<form method="post" action="${escapeHtml(`${origins.baseUrl}/login`)}">
<input type="hidden" name="continue" value="${escapeHtml(continuePath)}">
<p><label for="email">Email</label> <input id="email" name="email" type="email" autocomplete="username" required></p>
<p><label for="password">Password</label> <input id="password" name="password" type="password" autocomplete="current-password" required></p>
<p><button type="submit">Log in</button></p>
</form>`;
  sendHtml(context.response, status, renderPage({ origins, siteName: context.site.name, title: "Log in to continue", body, scriptLinkPath: "/login" }));
};

const cookie = (context: TSiteContext, value: string, extra = ""): string =>
  `${SESSION_COOKIE}=${value}; Domain=${context.origins.hostname}; Path=/; HttpOnly; SameSite=Lax${extra}`;

const postLogin = async (context: TSiteContext): Promise<void> => {
  const form = await readForm(context.request);
  if (!form) return errorPage(context.response, 400, "Bad request", "Send the sign-in form as application/x-www-form-urlencoded (at most 64 KiB).");
  const continuePath = safeContinue(form.get("continue"), context.url.host);
  const email = (form.get("email") ?? "").trim().toLowerCase();
  const user = [...context.org.users.values()].find((candidate) => candidate.email === email);
  if (!user || form.get("password") !== SIMULATED_PASSWORD) return loginForm(context, 401, continuePath, "Incorrect email address and / or password.");
  if (user.status !== "active") {
    return errorPage(context.response, 403, `Your account has been ${user.status}`, `The account ${user.email} is ${user.status}: ask your organization admin to restore access.`);
  }
  const token = startSession(context.runtime, context.org, user);
  redirect(context.response, 303, `${context.origins.baseUrl}${continuePath}`, { "Set-Cookie": cookie(context, token) });
};

const logout = (context: TSiteContext): void => {
  if (context.sessionToken) endSession(context.runtime, context.org, context.sessionToken);
  redirect(context.response, 302, `${context.origins.baseUrl}/login`, { "Set-Cookie": cookie(context, "", "; Max-Age=0") });
};

const home = (context: TSiteContext): void => {
  const { catalog, origins } = context;
  const link = (path: string, text: string) => `<li><a href="${escapeHtml(`${origins.baseUrl}${path}`)}">${escapeHtml(text)}</a></li>`;
  const products = new Set(context.site.products);
  const sections = [
    products.has("confluence") ? `<h2>Confluence</h2><ul>${catalog.confluence.spaces.map((space) => link(space.overviewPath, space.name)).join("")}</ul>` : "",
    products.has("jira-software")
      ? `<h2>Jira</h2><ul>${catalog.jira.projects.flatMap((project) => project.issues.map((issue) => link(issue.path, `${issue.key} ${issue.summary}`))).join("")}</ul>`
      : "",
    products.has("bitbucket") ? `<h2>Bitbucket</h2><ul>${catalog.bitbucket.repos.map((repo) => link(repo.path, repo.name)).join("")}</ul>` : "",
  ];
  sendPage(context, `${context.site.name}.atlassian.net`, sections.join("\n"));
};

/** Sign-in, identity, the site script and the home page. */
export const AUTH_ROUTES: readonly TSiteRoute[] = [
  { method: "GET", pattern: /^\/login$/, access: "public", handler: (context) => loginForm(context, 200, safeContinue(context.url.searchParams.get("continue"), context.url.host)) },
  { method: "POST", pattern: /^\/login$/, access: "public", handler: postLogin },
  { method: "GET", pattern: /^\/logout$/, access: "public", handler: logout },
  {
    method: "GET",
    pattern: /^\/s\/app\.js$/,
    access: "public",
    handler: ({ response, origins }) => {
      const script = appScript(origins);
      response.writeHead(200, { "Content-Type": "application/javascript; charset=utf-8", "Content-Length": Buffer.byteLength(script), "Cache-Control": "no-cache" });
      response.end(script);
    },
  },
  {
    method: "GET",
    pattern: /^\/gateway\/api\/me$/,
    access: "rest",
    handler: ({ response, user }) =>
      sendJson(response, 200, { account_id: user?.accountId, email: user?.email, name: user?.name, account_type: "atlassian", account_status: "active" }),
  },
  { method: "GET", pattern: /^\/$/, access: "page", handler: home },
];
