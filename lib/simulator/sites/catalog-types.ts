import type { TSiteProduct } from "../org-definition";

/** Where a file's bytes come from: generated on the fly (large, seeded by `key`) or built once (small). */
export type TFileSource = { kind: "generated"; key: string } | { kind: "buffer"; bytes: Buffer };

/** A downloadable file of a site. Paths are on the site's host; every one of them serves the same bytes. */
export type TSiteFile = {
  /** Unique within the site, e.g. "confluence-attachment:att65701". */
  id: string;
  product: TSiteProduct;
  fileName: string;
  contentType: string;
  size: number;
  /** Site paths answering 200/206 with the bytes (the first is the canonical one). */
  paths: string[];
  /** Site path that answers 302 towards the bytes (REST downloads). */
  redirectPath?: string;
  /** Id on the media host (`/file/{mediaId}/binary`), for Jira attachments. */
  mediaId?: string;
  source: TFileSource;
};

export type TConfluenceAttachment = TSiteFile & { attachmentId: string; pageId: string };

export type TConfluencePage = {
  id: string;
  spaceKey: string;
  title: string;
  path: string;
  paragraphs: string[];
  attachments: TConfluenceAttachment[];
  /** The page's PDF export (flyingpdf). */
  pdf: TSiteFile;
};

export type TConfluenceSpace = { key: string; name: string; overviewPath: string; pages: TConfluencePage[]; export: TSiteFile };

export type TJiraAttachment = TSiteFile & { attachmentId: string; mediaId: string };

export type TJiraIssue = { key: string; id: string; summary: string; description: string; status: string; path: string; attachments: TJiraAttachment[] };

export type TJiraFilter = { id: string; name: string; jql: string; csv: TSiteFile };

export type TRepoFile = TSiteFile & { repoPath: string };

export type TBitbucketRepo = { workspace: string; slug: string; name: string; branch: string; commit: string; path: string; files: TRepoFile[]; archives: TSiteFile[] };

/** An HTML page of a site, for tests and benchmarks. */
export type TSitePage = { product: TSiteProduct | "atlassian"; title: string; path: string };

/** Everything one site serves; deterministic from the site name. */
export type TSiteCatalog = {
  site: string;
  confluence: { spaces: TConfluenceSpace[] };
  jira: { projects: { key: string; name: string; issues: TJiraIssue[] }[]; filters: TJiraFilter[] };
  bitbucket: { workspace: string; repos: TBitbucketRepo[] };
  /** Every HTML page; `largePage` is the ~50 KB one for benchmarks. */
  pages: TSitePage[];
  largePage: TSitePage;
  /** Every downloadable file, flat. */
  files: TSiteFile[];
};
