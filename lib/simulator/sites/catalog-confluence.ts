import type { TConfluenceAttachment, TConfluencePage, TConfluenceSpace, TSiteFile } from "./catalog-types";
import { buildPdf } from "./pdf";
import { sentences, urlTitle } from "./text";
import { buildZip } from "./zip";

const MB = 1024 * 1024;
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

type TAttachmentSpec = { id: string; fileName: string; contentType: string; size: number };
type TPageSpec = { id: string; title: string; paragraphs: number; attachments: TAttachmentSpec[] };
type TSpaceSpec = { key: string; name: string; pages: TPageSpec[] };

/** The ~50 KB page for the proxy's HTML benchmark (many paragraphs, each with absolute links). */
export const LARGE_PAGE_ID = "65604";

const SPACES: readonly TSpaceSpec[] = [
  {
    key: "ENG",
    name: "Engineering",
    pages: [
      {
        id: "65601",
        title: "Architecture overview",
        paragraphs: 6,
        attachments: [
          { id: "att65701", fileName: "architecture-diagram.png", contentType: "image/png", size: 358_400 },
          { id: "att65702", fileName: "threat-model.pdf", contentType: "application/pdf", size: 1_200_000 },
        ],
      },
      {
        id: "65602",
        title: "Incident runbook",
        paragraphs: 8,
        attachments: [
          { id: "att65703", fileName: "runbook.docx", contentType: DOCX, size: 48_213 },
          { id: "att65704", fileName: "customer-export.xlsx", contentType: XLSX, size: 5 * MB },
        ],
      },
      {
        id: "65603",
        title: "Database backups",
        paragraphs: 4,
        attachments: [{ id: "att65705", fileName: "db-backup-100mb.tar.gz", contentType: "application/gzip", size: 100 * MB }],
      },
      {
        id: LARGE_PAGE_ID,
        title: "Security handbook",
        paragraphs: 92,
        attachments: [{ id: "att65706", fileName: "handbook-notes.txt", contentType: "text/plain", size: 4096 }],
      },
    ],
  },
  {
    key: "HR",
    name: "People",
    pages: [
      {
        id: "65605",
        title: "Salary bands 2026",
        paragraphs: 3,
        attachments: [{ id: "att65707", fileName: "salary-bands.csv", contentType: "text/csv", size: 12_345 }],
      },
    ],
  },
];

const attachmentOf = (site: string, page: TPageSpec, spec: TAttachmentSpec): TConfluenceAttachment => ({
  id: `confluence-attachment:${spec.id}`,
  product: "confluence",
  fileName: spec.fileName,
  contentType: spec.contentType,
  size: spec.size,
  paths: [`/wiki/download/attachments/${page.id}/${encodeURIComponent(spec.fileName)}`],
  redirectPath: `/wiki/rest/api/content/${page.id}/child/attachment/${spec.id}/download`,
  source: { kind: "generated", key: `${site}:confluence:${spec.id}` },
  attachmentId: spec.id,
  pageId: page.id,
});

const bufferFile = (id: string, fileName: string, contentType: string, path: string, bytes: Buffer): TSiteFile => ({
  id,
  product: "confluence",
  fileName,
  contentType,
  size: bytes.length,
  paths: [path],
  source: { kind: "buffer", bytes },
});

const pageOf = (site: string, space: TSpaceSpec, spec: TPageSpec): TConfluencePage => {
  const paragraphs = sentences(`${site}:confluence:${spec.id}`, spec.paragraphs * 3).reduce<string[]>((into, sentence, index) => {
    if (index % 3 === 0) into.push(sentence);
    else into[into.length - 1] += ` ${sentence}`;
    return into;
  }, []);
  const pdf = buildPdf(spec.title, [`Space: ${space.name} (${space.key})`, `Site: ${site}.atlassian.net`, ...paragraphs.slice(0, 10)]);
  return {
    id: spec.id,
    spaceKey: space.key,
    title: spec.title,
    path: `/wiki/spaces/${space.key}/pages/${spec.id}/${urlTitle(spec.title)}`,
    paragraphs,
    attachments: spec.attachments.map((attachment) => attachmentOf(site, spec, attachment)),
    pdf: bufferFile(`confluence-pdf:${spec.id}`, `${spec.title}.pdf`, "application/pdf", `/wiki/spaces/flyingpdf/pdfpageexport.action?pageId=${spec.id}`, pdf),
  };
};

const escapeXml = (text: string): string => text.replace(/[<>&"]/g, (char) => `&#${char.charCodeAt(0)};`);

/** A space export as Confluence writes it: entities.xml plus exportDescriptor.properties in a zip. */
const spaceExport = (site: string, space: TSpaceSpec, pages: readonly TConfluencePage[]): Buffer => {
  const entities = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    "<hibernate-generic>",
    `<object class="Space"><property name="key">${space.key}</property><property name="name">${escapeXml(space.name)}</property></object>`,
    ...pages.map(
      (page) =>
        `<object class="Page"><id name="id">${page.id}</id><property name="title">${escapeXml(page.title)}</property>` +
        `<property name="body">${escapeXml(page.paragraphs.join("\n"))}</property></object>`,
    ),
    "</hibernate-generic>",
  ].join("\n");
  const descriptor = `exportType=space\nspaceKey=${space.key}\nsource=${site}.atlassian.net\nbackupAttachments=false\n`;
  return buildZip([
    { path: "entities.xml", content: Buffer.from(entities) },
    { path: "exportDescriptor.properties", content: Buffer.from(descriptor) },
  ]);
};

/** The Confluence part of a site's catalog: spaces ENG and HR with pages, attachments and exports. */
export const confluenceCatalog = (site: string): TConfluenceSpace[] =>
  SPACES.map((space) => {
    const pages = space.pages.map((page) => pageOf(site, space, page));
    const fileName = `Confluence-space-export-${space.key}.xml.zip`;
    return {
      key: space.key,
      name: space.name,
      overviewPath: `/wiki/spaces/${space.key}/overview`,
      pages,
      export: bufferFile(`confluence-space-export:${space.key}`, fileName, "application/zip", `/wiki/spaces/${space.key}/export?format=xml`, spaceExport(site, space, pages)),
    };
  });
