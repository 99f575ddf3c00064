import type { TBitbucketRepo, TRepoFile, TSiteFile } from "./catalog-types";
import { commitId, sentences } from "./text";
import { buildZip } from "./zip";

const MB = 1024 * 1024;

type TRepoFileSpec = { repoPath: string; contentType: string; text?: (site: string, repo: string) => string; size?: number };

const README = (site: string, repo: string): string => `# ${repo}\n\n${sentences(`${site}:bitbucket:${repo}:readme`, 5).join("\n")}\n`;

const REPOS: readonly { slug: string; name: string; files: TRepoFileSpec[] }[] = [
  {
    slug: "platform",
    name: "Platform",
    files: [
      { repoPath: "README.md", contentType: "text/plain", text: README },
      { repoPath: "package.json", contentType: "text/plain", text: (_site, repo) => `${JSON.stringify({ name: repo, version: "1.4.2", private: true }, null, 2)}\n` },
      { repoPath: "src/index.ts", contentType: "text/plain", text: () => 'import { startServer } from "./server";\n\nvoid startServer({ port: 8080 });\n' },
      {
        repoPath: "src/auth/session.ts",
        contentType: "text/plain",
        text: (site) => `// Sessions of https://${site}.atlassian.net integrations.\nexport const SESSION_TTL_MS = 30 * 60 * 1000;\n`,
      },
    ],
  },
  {
    slug: "infra",
    name: "Infrastructure",
    files: [
      { repoPath: "README.md", contentType: "text/plain", text: README },
      { repoPath: "terraform/main.tf", contentType: "text/plain", text: () => 'provider "aws" {\n  region = "eu-west-1"\n}\n' },
      { repoPath: "assets/firmware.bin", contentType: "application/octet-stream", size: 20 * MB },
    ],
  },
];

const BRANCH = "main";

/** The Bitbucket part of a site's catalog: workspace = site name, repos `platform` and `infra`. */
export const bitbucketCatalog = (site: string): TBitbucketRepo[] =>
  REPOS.map((repo) => {
    const commit = commitId(`${site}:bitbucket:${repo.slug}`);
    const base = `/${site}/${repo.slug}`;
    const files = repo.files.map((spec): TRepoFile => {
      const bytes = spec.text ? Buffer.from(spec.text(site, repo.slug)) : undefined;
      const fileName = spec.repoPath.slice(spec.repoPath.lastIndexOf("/") + 1);
      return {
        id: `bitbucket-raw:${repo.slug}:${spec.repoPath}`,
        product: "bitbucket",
        fileName,
        contentType: spec.contentType,
        size: bytes?.length ?? spec.size ?? 0,
        paths: [`${base}/raw/${commit}/${spec.repoPath}`, `${base}/raw/${BRANCH}/${spec.repoPath}`],
        source: bytes ? { kind: "buffer", bytes } : { kind: "generated", key: `${site}:bitbucket:${repo.slug}:${spec.repoPath}` },
        repoPath: spec.repoPath,
      };
    });
    // Bitbucket names the archive's top folder <workspace>-<repo>-<short commit>; generated files stay out.
    const folder = `${site}-${repo.slug}-${commit.slice(0, 12)}`;
    const zip = buildZip(
      files.flatMap((file) => (file.source.kind === "buffer" ? [{ path: `${folder}/${file.repoPath}`, content: file.source.bytes }] : [])),
    );
    const archive: TSiteFile = {
      id: `bitbucket-archive:${repo.slug}`,
      product: "bitbucket",
      fileName: `${folder}.zip`,
      contentType: "application/zip",
      size: zip.length,
      paths: [`${base}/get/${BRANCH}.zip`, `${base}/get/${commit}.zip`],
      source: { kind: "buffer", bytes: zip },
    };
    return { workspace: site, slug: repo.slug, name: repo.name, branch: BRANCH, commit, path: base, files, archives: [archive] };
  });
