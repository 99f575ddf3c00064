import { SITE_NAME_PATTERN } from "../org-definition";
import { bitbucketCatalog } from "./catalog-bitbucket";
import { confluenceCatalog, LARGE_PAGE_ID } from "./catalog-confluence";
import type { TSiteCatalog, TSiteFile, TSitePage } from "./catalog-types";
import { jiraCatalog } from "./catalog-jira";
import { generatedBytes, generatedChunks, sha256OfChunks } from "./file-bytes";

export type * from "./catalog-types";

const CATALOGS = new Map<string, TSiteCatalog>();

const buildCatalog = (site: string): TSiteCatalog => {
  const spaces = confluenceCatalog(site);
  const jira = jiraCatalog(site);
  const repos = bitbucketCatalog(site);
  const confluencePages = spaces.flatMap((space) => space.pages);
  const issues = jira.projects.flatMap((project) => project.issues);
  const pages: TSitePage[] = [
    { product: "atlassian", title: "Home", path: "/" },
    ...spaces.map((space): TSitePage => ({ product: "confluence", title: space.name, path: space.overviewPath })),
    ...confluencePages.map((page): TSitePage => ({ product: "confluence", title: page.title, path: page.path })),
    ...issues.map((issue): TSitePage => ({ product: "jira-software", title: `${issue.key} ${issue.summary}`, path: issue.path })),
    ...repos.map((repo): TSitePage => ({ product: "bitbucket", title: repo.name, path: repo.path })),
  ];
  const largePage = pages.find((page) => page.path === confluencePages.find((candidate) => candidate.id === LARGE_PAGE_ID)?.path);
  if (!largePage) throw new Error("the catalog lost its large page");
  const files: TSiteFile[] = [
    ...confluencePages.flatMap((page) => [...page.attachments, page.pdf]),
    ...spaces.map((space) => space.export),
    ...issues.flatMap((issue) => issue.attachments),
    ...jira.filters.map((filter) => filter.csv),
    ...repos.flatMap((repo) => [...repo.files, ...repo.archives]),
  ];
  return { site, confluence: { spaces }, jira, bitbucket: { workspace: site, repos }, pages, largePage, files };
};

/**
 * Everything the site `<site>.atlassian.net` serves (pages, files with their paths, names, sizes and types),
 * deterministic from the site name: for the simulator's routes, tests and benchmarks.
 */
export const siteCatalog = (site: string): TSiteCatalog => {
  if (!SITE_NAME_PATTERN.test(site)) throw new Error(`not a site name: ${site}`);
  let catalog = CATALOGS.get(site);
  if (!catalog) {
    catalog = buildCatalog(site);
    CATALOGS.set(site, catalog);
  }
  return catalog;
};

/** The chunks of bytes [start, end] (inclusive) of a file; generated files are made on the fly. */
export function* fileChunks(file: TSiteFile, start = 0, end = file.size - 1): Generator<Buffer> {
  if (file.source.kind === "generated") yield* generatedChunks(file.source.key, start, end);
  else if (end >= start) yield file.source.bytes.subarray(start, end + 1);
}

/** The expected bytes [start, end] of a file in one buffer (tests: keep ranges small for the large files). */
export const fileBytes = (file: TSiteFile, start = 0, end = file.size - 1): Buffer =>
  file.source.kind === "generated" ? generatedBytes(file.source.key, start, end) : file.source.bytes.subarray(start, end + 1);

/** SHA-256 (hex) of a file's whole content, computed without holding it in memory. */
export const fileSha256 = (file: TSiteFile): string => sha256OfChunks(fileChunks(file));
