import { createHash } from "node:crypto";

/** A UUID-formatted id derived from its parts, so the same org definition always yields the same ids. */
export const stableUuid = (...parts: string[]): string => {
  const hex = createHash("sha1").update(parts.join("\u0000")).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

/** A 24-hex-digit Atlassian-style account id derived from its parts. */
export const stableAccountId = (...parts: string[]): string => createHash("sha1").update(parts.join("\u0000")).digest("hex").slice(0, 24);
