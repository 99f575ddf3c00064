import { stableUuid } from "../stable-id";
import type { TJiraAttachment, TJiraFilter, TJiraIssue, TSiteFile } from "./catalog-types";
import { sentences } from "./text";

const MB = 1024 * 1024;

type TIssueSpec = { summary: string; status: string; attachments: { id: string; fileName: string; contentType: string; size: number }[] };

const PROJECT = { key: "SEC", name: "Security" };
const FIRST_ISSUE_ID = 10001;

const ISSUES: readonly TIssueSpec[] = [
  {
    summary: "Phishing report from finance",
    status: "In Progress",
    attachments: [
      { id: "10101", fileName: "suspicious-email.eml", contentType: "message/rfc822", size: 24_576 },
      { id: "10102", fileName: "screenshot.png", contentType: "image/png", size: 512_000 },
    ],
  },
  { summary: "Leaked credentials in build logs", status: "To Do", attachments: [{ id: "10103", fileName: "build-log.txt", contentType: "text/plain", size: 2 * MB }] },
  {
    summary: "Memory dump for forensics",
    status: "To Do",
    attachments: [{ id: "10104", fileName: "heap-dump-100mb.hprof", contentType: "application/octet-stream", size: 100 * MB }],
  },
  {
    summary: "Vendor security questionnaire",
    status: "Done",
    attachments: [{ id: "10105", fileName: "questionnaire.xlsx", contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", size: 3 * MB }],
  },
  { summary: "Penetration test findings", status: "In Review", attachments: [{ id: "10106", fileName: "pentest-report.pdf", contentType: "application/pdf", size: 7 * MB }] },
];

/** The filter whose CSV export the site serves (also answered for `temp` searches). */
export const FILTER_ID = "10200";

const issueOf = (site: string, spec: TIssueSpec, index: number): TJiraIssue => {
  const key = `${PROJECT.key}-${index + 1}`;
  return {
    key,
    id: String(FIRST_ISSUE_ID + index),
    summary: spec.summary,
    status: spec.status,
    description: sentences(`${site}:jira:${key}`, 4).join(" "),
    path: `/browse/${key}`,
    attachments: spec.attachments.map(
      (attachment): TJiraAttachment => ({
        id: `jira-attachment:${attachment.id}`,
        product: "jira-software",
        fileName: attachment.fileName,
        contentType: attachment.contentType,
        size: attachment.size,
        paths: [`/secure/attachment/${attachment.id}/${encodeURIComponent(attachment.fileName)}`],
        redirectPath: `/rest/api/3/attachment/content/${attachment.id}`,
        mediaId: stableUuid(site, "jira-attachment", attachment.id),
        source: { kind: "generated", key: `${site}:jira:${attachment.id}` },
        attachmentId: attachment.id,
      }),
    ),
  };
};

const csvCell = (value: string): string => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** The CSV export Jira's "Export > CSV (all fields)" downloads, for the issues given. */
const issuesCsv = (site: string, issues: readonly TJiraIssue[]): Buffer => {
  const header = ["Summary", "Issue key", "Issue id", "Status", "Project key", "Description", "Attachment"];
  const rows = issues.map((issue) => [
    issue.summary,
    issue.key,
    issue.id,
    issue.status,
    PROJECT.key,
    issue.description,
    issue.attachments.map((attachment) => `https://${site}.atlassian.net/secure/attachment/${attachment.attachmentId}/${attachment.fileName}`).join(";"),
  ]);
  return Buffer.from(`${[header, ...rows].map((row) => row.map(csvCell).join(",")).join("\r\n")}\r\n`);
};

/** The Jira part of a site's catalog: project SEC with issues SEC-1..SEC-5 and one saved filter. */
export const jiraCatalog = (site: string): { projects: { key: string; name: string; issues: TJiraIssue[] }[]; filters: TJiraFilter[] } => {
  const issues = ISSUES.map((spec, index) => issueOf(site, spec, index));
  const bytes = issuesCsv(site, issues);
  const fileName = `SearchRequest-${FILTER_ID}.csv`;
  const csv: TSiteFile = {
    id: `jira-filter-csv:${FILTER_ID}`,
    product: "jira-software",
    fileName,
    contentType: "text/csv",
    size: bytes.length,
    paths: [`/sr/jira.issueviews:searchrequest-csv-all-fields/${FILTER_ID}/${fileName}`],
    source: { kind: "buffer", bytes },
  };
  return { projects: [{ ...PROJECT, issues }], filters: [{ id: FILTER_ID, name: "Open security issues", jql: `project = ${PROJECT.key} ORDER BY created DESC`, csv }] };
};
