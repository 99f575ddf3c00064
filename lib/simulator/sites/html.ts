import type { TSiteOrigins } from "./host";

export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char] ?? char);

/** An anchor to a path on the page's own host, absolute as Atlassian writes them. */
export const siteLink = (origins: TSiteOrigins, path: string, text: string, attributes = ""): string =>
  `<a href="${escapeHtml(`${origins.baseUrl}${path}`)}"${attributes}>${escapeHtml(text)}</a>`;

export type TPageOptions = {
  origins: TSiteOrigins;
  siteName: string;
  title: string;
  /** Trusted HTML (built with escapeHtml / siteLink). */
  body: string;
  user?: { name: string; email: string };
  /** Path of the link the inline script builds with `new URL(path, config.baseUrl)`. */
  scriptLinkPath?: string;
};

// JSON inside <script>: `<` escaped so page data can never close the script element.
const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, "\\u003c");

/**
 * The frame of every site page: a header naming the user, absolute URLs, an inline script holding the absolute
 * base URLs that builds one more link (#js-built-link), and the external /s/app.js that fills #js-user.
 */
export const renderPage = (options: TPageOptions): string => {
  const { origins, user } = options;
  const config = { baseUrl: origins.baseUrl, mediaBaseUrl: origins.mediaBaseUrl, siteName: options.siteName };
  const header = user
    ? `<span id="user-name">${escapeHtml(user.name)}</span> (<span id="user-email">${escapeHtml(user.email)}</span>) · ${siteLink(origins, "/logout", "Log out")}`
    : siteLink(origins, "/login", "Log in");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(options.title)} - ${escapeHtml(options.siteName)}.atlassian.net</title>
<link rel="icon" href="${escapeHtml(`${origins.baseUrl}/favicon.ico`)}">
</head>
<body>
<header><nav>${siteLink(origins, "/", `${options.siteName}.atlassian.net`)}</nav><div id="account">${header}</div><div id="js-user"></div></header>
<main>
<h1>${escapeHtml(options.title)}</h1>
${options.body}
</main>
<script>
window.__SITE_CONFIG__ = ${scriptJson(config)};
(function () {
  var config = window.__SITE_CONFIG__;
  var link = document.createElement("a");
  link.id = "js-built-link";
  link.href = new URL(${scriptJson(options.scriptLinkPath ?? "/")}, config.baseUrl).toString();
  link.textContent = "Built by script";
  document.body.appendChild(link);
})();
</script>
<script src="${escapeHtml(`${origins.baseUrl}/s/app.js`)}"></script>
</body>
</html>
`;
};

/** /s/app.js: holds its host's absolute URL as a string and fetches /gateway/api/me by it to fill #js-user. */
export const appScript = (origins: TSiteOrigins): string => `// Site script of ${origins.hostname}
(function () {
  var SITE_URL = ${JSON.stringify(origins.baseUrl)};
  fetch(SITE_URL + "/gateway/api/me", { credentials: "include" })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (me) {
      var target = document.getElementById("js-user");
      if (target && me) target.textContent = me.name + " <" + me.email + ">";
    })
    .catch(function () {});
})();
`;
