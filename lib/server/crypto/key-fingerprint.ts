import { createHmac } from "node:crypto";

/** A stable, non-reversible name for an API key (HMAC-SHA256 with WATCHPOST_SECRET), e.g. for its rate bucket. */
export const keyFingerprint = (apiKey: string, secret: string): string =>
  createHmac("sha256", secret).update(`atlassian-api-key:${apiKey}`).digest("hex").slice(0, 32);

/** What the UI may show of a key. */
export const lastFour = (apiKey: string): string => apiKey.trim().slice(-4);
