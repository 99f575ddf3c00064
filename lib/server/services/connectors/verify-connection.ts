import { createAtlassianClient } from "../../../atlassian";
import { verificationError } from "./describe-api-error";

export const API_TIMEOUT_MS = 15_000;

/**
 * Proves the key works for this org before anything is saved: reads the org, then one event from the
 * stream (the key needs read:events). Throws an AppError that says precisely what is wrong.
 */
export const verifyConnection = async (options: Readonly<{ baseUrl: string; orgId: string; apiKey: string }>): Promise<{ orgName: string | null }> => {
  const client = createAtlassianClient({ baseUrl: options.baseUrl, apiKey: options.apiKey, timeoutMs: API_TIMEOUT_MS });
  try {
    const org = await client.getOrg(options.orgId);
    await client.pollEventsStream(options.orgId, { limit: 1, from: Date.now() });
    return { orgName: org.attributes.name };
  } catch (error) {
    throw verificationError(error);
  }
};
