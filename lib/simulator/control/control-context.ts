import type { IncomingMessage } from "node:http";
import type { z } from "zod";
import { badRequest, describeIssues, notFound, readJsonBody } from "../http-kit";
import type { TSimulatorState } from "../state";
import type { TSimOrg } from "../store/sim-org";

/** What a control-API handler gets; the control API has no auth (loopback only). */
export type TControlContext = { state: TSimulatorState; request: IncomingMessage; url: URL; params: Record<string, string> };

/** Reads and validates a JSON body, 400 with the zod issues otherwise. */
export const parseBody = async <T>(context: TControlContext, schema: z.ZodType<T>): Promise<T> => {
  const parsed = schema.safeParse(await readJsonBody(context.request));
  if (!parsed.success) throw badRequest("INVALID_BODY", describeIssues(parsed.error.issues));
  return parsed.data;
};

export const orgOf = (context: TControlContext): TSimOrg => {
  const org = context.state.orgs.get(context.params.orgId ?? "");
  if (!org) throw notFound("ORG_NOT_FOUND", "organization not found");
  return org;
};
