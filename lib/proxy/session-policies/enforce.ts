// Session policies on one proxied request: the facts the evaluator needs, in two phases (the request; then, when a
// policy's match depends on the file, the site's answer headers), and what the activity records of the verdict.
import type { IncomingHttpHeaders } from "node:http";
import { DOWNLOAD_ACTIONS, type TSessionPolicy } from "../../shared/schemas/session-policies";
import type { TClassification } from "../classify";
import type { TDevice } from "../device";
import type { TAccount } from "../session-tracker";
import { evaluateSessionPolicies, type TSessionDecision, type TSessionRequestFacts } from "./evaluate";
import type { TIpFactsSource } from "./ip-facts";
import type { TPeopleDirectory } from "./people";

export type TPolicySources = Readonly<{ people: TPeopleDirectory; ipFacts: TIpFactsSource }>;

/** What the activity says of the file: name, size and type (size null when the answer did not state it). */
export type TFileFacts = Readonly<{ name: string | null; sizeBytes: number | null; contentType: string | null }>;

export const NO_DECISION: TSessionDecision = { outcome: null, blockedBy: null, matched: [], needsFileSize: false };

/** The activity's product name of a class (the same mapping as build-activity's). */
const PRODUCT: Readonly<Record<TClassification["product"], string>> = { "jira-software": "jira", confluence: "confluence", bitbucket: "bitbucket", atlassian: "atlassian" };

export const requestFacts = (
  input: Readonly<{ klass: TClassification; siteHost: string; connectorId: string; account: TAccount | null; device: TDevice; ip: string | null; userAgent: string | null }>,
  sources: TPolicySources,
): TSessionRequestFacts => {
  const person = sources.people.factsOf(input.connectorId, input.account);
  const ip = sources.ipFacts.factsOf(input.ip);
  return {
    action: input.klass.action,
    product: PRODUCT[input.klass.product],
    siteHost: input.siteHost,
    accountId: input.account?.id ?? null,
    email: input.account?.email ?? null,
    isAdmin: person.isAdmin,
    isExternal: person.isExternal,
    groups: person.groups,
    deviceManaged: input.device.isManaged,
    certificateIssuer: input.device.issuer,
    ip: input.ip,
    ipCategory: ip.ipCategory,
    ipTags: ip.ipTags,
    countryCode: ip.countryCode,
    userAgent: input.userAgent,
    fileName: input.klass.fileName ?? null,
    fileSizeBytes: undefined,
  };
};

/** `filename*=UTF-8''…` wins over `filename="…"` (RFC 6266). */
export const fileNameOfDisposition = (value: string | undefined): string | null => {
  if (!value) return null;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(value)?.[1];
  if (extended) {
    try {
      return decodeURIComponent(extended.trim());
    } catch {
      // fall back to the plain parameter
    }
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/i.exec(value);
  const name = plain?.[1]?.replace(/\\(.)/g, "$1") ?? plain?.[2]?.trim();
  return name || null;
};

/** The whole file's size from a 200's Content-Length or a 206's Content-Range total; null for any other answer. */
export const fileSizeOfAnswer = (status: number, headers: IncomingHttpHeaders): number | null => {
  if (status === 206) {
    const total = /\/(\d+)\s*$/.exec(headers["content-range"] ?? "")?.[1];
    return total ? Number(total) : null;
  }
  if (status !== 200) return null;
  const length = headers["content-length"];
  return length && /^\d+$/.test(length) ? Number(length) : null;
};

/** The file as the answer states it, the classification's name first. */
export const fileOfAnswer = (klass: TClassification, status: number, headers: IncomingHttpHeaders | null): TFileFacts => ({
  name: klass.fileName ?? (headers ? fileNameOfDisposition(headers["content-disposition"]) : null),
  sizeBytes: headers ? fileSizeOfAnswer(status, headers) : null,
  contentType: headers?.["content-type"] ?? null,
});

const hasFileNameFilter = (p: TSessionPolicy) => Boolean(p.filters.fileExtensions?.length || p.filters.fileNameContains);

/** Whether the answer's headers can change the verdict: a size to learn, or a file name only the answer can give. */
export const needsAnswer = (decision: TSessionDecision, facts: TSessionRequestFacts, policies: readonly TSessionPolicy[]): boolean =>
  !decision.blockedBy && (decision.needsFileSize || (facts.fileName === null && DOWNLOAD_ACTIONS.includes(facts.action) && policies.some(hasFileNameFilter)));

/** The second phase: the same policies with the file the answer describes. */
export const evaluateWithAnswer = (policies: readonly TSessionPolicy[], facts: TSessionRequestFacts, file: TFileFacts): TSessionDecision =>
  evaluateSessionPolicies(policies, { ...facts, fileName: file.name, fileSizeBytes: file.sizeBytes });

export const evaluateRequest = (policies: readonly TSessionPolicy[], facts: TSessionRequestFacts): TSessionDecision =>
  policies.length === 0 || facts.action === "proxy_other" ? NO_DECISION : evaluateSessionPolicies(policies, facts);
