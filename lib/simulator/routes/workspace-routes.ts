import { z } from "zod";
import { badRequest, describeIssues, json, readJsonBody, type TSimResponse } from "../http-kit";
import type { TSiteProduct } from "../org-definition";
import { stableUuid } from "../stable-id";
import { decodeCursor, encodeCursor, ZOffsetCursor } from "../store/cursor";
import { siteUrl } from "../store/sim-org";
import { orgUrl, type TApiContext } from "./api-context";

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;

// Atlassian: "When a cursor is provided in the request body, no other properties may be present."
const ZWorkspacesBody = z.union([
  z.object({ cursor: z.string().min(1) }).strict(),
  z
    .object({
      limit: z.number().int().min(1).max(MAX_LIMIT).optional(),
      /** [S] Accepted and ignored: the simulator lists every workspace. */
      query: z.unknown().optional(),
      sort: z.array(z.unknown()).nullable().optional(),
    })
    .strict(),
]);

/** [S] `type` is the product family of `typeKey` (Atlassian's docs do not list its values). */
const PRODUCT_TYPE: Record<TSiteProduct, string> = { "jira-software": "jira", confluence: "confluence", bitbucket: "bitbucket" };

const parseBody = async (context: TApiContext): Promise<{ limit: number; offset: number }> => {
  const body = (await readJsonBody(context.request)) ?? {};
  if (typeof body === "object" && body !== null && "cursor" in body && Object.keys(body).length > 1) {
    throw badRequest("INVALID_PARAMETER", "when a cursor is given, no other properties may be present");
  }
  const parsed = ZWorkspacesBody.safeParse(body);
  if (!parsed.success) throw badRequest("INVALID_PARAMETER", describeIssues(parsed.error.issues));
  if (!("cursor" in parsed.data)) return { limit: parsed.data.limit ?? DEFAULT_LIMIT, offset: 0 };
  const cursor = decodeCursor(parsed.data.cursor, ZOffsetCursor);
  const limit = Number(/^workspaces:(\d+)$/.exec(cursor.r)?.[1]);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw badRequest("INVALID_PAGE_CURSOR", "the cursor belongs to another listing");
  return { limit, offset: cursor.o };
};

/**
 * POST /admin/v2/orgs/{orgId}/workspaces: one workspace per product of each of the org's sites (a site with
 * Jira and Confluence yields two, with the same hostUrl), paged by an opaque cursor in the body.
 */
export const listWorkspaces = async (context: TApiContext): Promise<TSimResponse> => {
  const { limit, offset } = await parseBody(context);
  const { org } = context;
  const self = `${orgUrl(context).replace("/admin/v1/", "/admin/v2/")}/workspaces`;
  const all = org.sites.flatMap((site) =>
    site.products.map((product) => {
      const id = stableUuid(org.id, "workspace", site.name, product);
      const createdAt = new Date(site.createdAt).toISOString();
      return {
        id,
        type: "workspaces",
        attributes: {
          name: site.name,
          typeKey: product,
          type: PRODUCT_TYPE[product],
          owner: org.id,
          status: "online",
          statusDetails: [],
          icons: {},
          avatars: {},
          labels: [],
          createdAt,
          createdBy: org.id,
          updatedAt: createdAt,
          hostUrl: siteUrl({ siteName: site.name }),
          realm: "us",
          regions: ["us-east-1"],
        },
        links: { self: `${self}/${id}` },
        relationships: {},
      };
    }),
  );
  const page = all.slice(offset, offset + limit);
  const end = offset + page.length;
  const cursorAt = (at: number): string => encodeCursor({ k: "o", r: `workspaces:${limit}`, o: at });
  return json(200, {
    data: page,
    links: { self, prev: offset > 0 ? cursorAt(Math.max(0, offset - limit)) : null, next: end < all.length ? cursorAt(end) : null },
    meta: { pageSize: limit, startIndex: page.length > 0 ? offset : null, endIndex: page.length > 0 ? end - 1 : null, total: all.length },
  });
};
