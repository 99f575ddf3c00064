import { z } from "zod";
import { ZScenario } from "../../simulator/scenario/schema";
import { BUILTIN_POLICY_KEYS, IP_CATEGORIES, SENSITIVITIES } from "../../shared/schemas/policies";

/**
 * One labelled detection scenario (docs/scenarios/detection/*.json): a simulator scenario whose planted
 * episodes are the expected alerts (see EPISODE_EXPECTATIONS), the IP ranges an admin would have set up,
 * and optional policy tuning. Everything the built-ins raise outside the episodes counts as a false positive.
 */
export const ZDetectionCorpusFile = z.object({
  name: z.string().min(1),
  description: z.string().min(1),
  /** Named ranges created before the first sync, as POST /api/v1/ip-ranges takes them. */
  ipRanges: z
    .array(z.object({ name: z.string(), cidrs: z.array(z.string()).min(1), category: z.enum(IP_CATEGORIES), tags: z.array(z.string()).default([]) }))
    .default([]),
  /** Per built-in policy: sensitivity for this scenario (default medium). */
  sensitivity: z.partialRecord(z.enum(BUILTIN_POLICY_KEYS), z.enum(SENSITIVITIES)).default({}),
  scenario: ZScenario,
});
export type TDetectionCorpusFile = z.infer<typeof ZDetectionCorpusFile>;
