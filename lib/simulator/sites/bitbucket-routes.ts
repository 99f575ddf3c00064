import type { TBitbucketRepo } from "./catalog";
import { escapeHtml, siteLink } from "./html";
import { sendPage, type TSiteContext, type TSiteRoute } from "./site-context";
import { errorPage, sendFile } from "./site-http";

const findRepo = (context: TSiteContext, workspace: string | undefined, slug: string | undefined): TBitbucketRepo | undefined =>
  workspace === context.catalog.bitbucket.workspace ? context.catalog.bitbucket.repos.find((repo) => repo.slug === slug) : undefined;
const notFound = (context: TSiteContext, what: string): void => errorPage(context.response, 404, "Not found", `${what} does not exist on this site.`);

const viewRepo = (context: TSiteContext, [workspace, slug]: string[]): void => {
  const repo = findRepo(context, workspace, slug);
  if (!repo) return notFound(context, `Repository ${workspace ?? ""}/${slug ?? ""}`);
  const files = repo.files
    .map((file) => `<li>${siteLink(context.origins, file.paths[0] ?? "", file.repoPath, ' class="raw-file"')} (${file.size} bytes)</li>`)
    .join("");
  const archives = repo.archives.flatMap((archive) => archive.paths.map((path) => `<li>${siteLink(context.origins, path, path.slice(path.lastIndexOf("/") + 1), ' class="archive"')}</li>`)).join("");
  const body = `<p>Branch <code>${escapeHtml(repo.branch)}</code> at <code id="commit">${repo.commit}</code></p>\n<h2>Files</h2><ul id="files">${files}</ul>\n<h2>Download</h2><ul id="archives">${archives}</ul>`;
  sendPage(context, `${repo.workspace} / ${repo.name}`, body, repo.archives[0]?.paths[0]);
};

const archive = async (context: TSiteContext, [workspace, slug, ref]: string[]): Promise<void> => {
  const repo = findRepo(context, workspace, slug);
  const file = repo?.archives.find((candidate) => candidate.paths.includes(`/${workspace ?? ""}/${slug ?? ""}/get/${ref ?? ""}.zip`));
  return file ? sendFile(context.request, context.response, file) : notFound(context, `Archive ${ref ?? ""}.zip`);
};

const raw = async (context: TSiteContext, [workspace, slug, ref, path]: string[]): Promise<void> => {
  const repo = findRepo(context, workspace, slug);
  const file = ref === repo?.commit || ref === repo?.branch ? repo?.files.find((candidate) => candidate.repoPath === path) : undefined;
  return file ? sendFile(context.request, context.response, file) : notFound(context, `File ${path ?? ""} at ${ref ?? ""}`);
};

/** Bitbucket (workspace = site name): repository pages, archives and raw files. */
export const BITBUCKET_ROUTES: readonly TSiteRoute[] = [
  { method: "GET", pattern: /^\/([^/]+)\/([^/]+)\/get\/([^/]+)\.zip$/, access: "page", product: "bitbucket", handler: archive },
  { method: "GET", pattern: /^\/([^/]+)\/([^/]+)\/raw\/([^/]+)\/(.+)$/, access: "page", product: "bitbucket", handler: raw },
  { method: "GET", pattern: /^\/([^/]+)\/([^/]+)\/?$/, access: "page", product: "bitbucket", handler: viewRepo },
];
