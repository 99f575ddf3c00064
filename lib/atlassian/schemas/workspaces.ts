import { z } from "zod";
import { ZLinks, ZSelfLink } from "./common";

/**
 * One workspace of the org (Org Workspaces API, `POST /admin/v2/orgs/{orgId}/workspaces`): a product instance on a
 * site. typeKey and status stay plain strings so a new product never breaks a sync; hostUrl is checked by the caller
 * (only `<name>.atlassian.net` hosts become sites).
 */
export const ZWorkspace = z.looseObject({
  id: z.string(),
  type: z.string().optional(),
  attributes: z.looseObject({
    name: z.string().optional(),
    typeKey: z.string(),
    type: z.string().optional(),
    status: z.string().optional(),
    hostUrl: z.string().optional(),
    createdAt: z.string().optional(),
  }),
  links: ZSelfLink.optional(),
});
export type TWorkspace = z.infer<typeof ZWorkspace>;

/** The v2 envelope: `meta` counts by index (pageSize, startIndex, endIndex, total); the cursor is in links.next. */
export const ZWorkspacesPage = z.looseObject({
  data: z.array(ZWorkspace),
  links: ZLinks.optional(),
  // startIndex and endIndex are null on an empty page.
  meta: z
    .looseObject({ pageSize: z.number().nullable().optional(), startIndex: z.number().nullable().optional(), endIndex: z.number().nullable().optional(), total: z.number().nullable().optional() })
    .optional(),
});
