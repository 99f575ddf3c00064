import { z } from "zod";
import {
  ZCreateIpRangeInput,
  ZIpRangeDto,
  ZIpRangeIdParams,
  ZThreatListDto,
  ZThreatListUpload,
  ZThreatTagParams,
  ZUpdateIpRangeInput,
} from "../schemas/ip-ranges";
import { defineRoute } from "./define-route";

const TAG = "IP ranges";
const ZList = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item) });

export const ipRangeContracts = {
  list: defineRoute({ method: "GET", path: "/api/v1/ip-ranges", summary: "List named IP ranges", tag: TAG, auth: "viewer", response: ZList(ZIpRangeDto) }),
  create: defineRoute({
    method: "POST",
    path: "/api/v1/ip-ranges",
    summary: "Create an IP range (CIDRs IPv4/IPv6, canonicalized; no overlap with other ranges; known tags only); 409 when the name is taken",
    tag: TAG,
    auth: "admin",
    body: ZCreateIpRangeInput,
    response: ZIpRangeDto,
    status: 201,
  }),
  update: defineRoute({
    method: "PATCH",
    path: "/api/v1/ip-ranges/{id}",
    summary: "Change an IP range; 409 when the name is taken",
    tag: TAG,
    auth: "admin",
    params: ZIpRangeIdParams,
    body: ZUpdateIpRangeInput,
    response: ZIpRangeDto,
  }),
  delete: defineRoute({ method: "DELETE", path: "/api/v1/ip-ranges/{id}", summary: "Delete an IP range", tag: TAG, auth: "admin", params: ZIpRangeIdParams, status: 204 }),
};

export const threatListContracts = {
  list: defineRoute({
    method: "GET",
    path: "/api/v1/threat-lists",
    summary: "Threat lists in force per tag (built-in or uploaded)",
    tag: TAG,
    auth: "viewer",
    response: ZList(ZThreatListDto),
  }),
  upload: defineRoute({
    method: "PUT",
    path: "/api/v1/threat-lists/{tag}",
    summary: "Upload a newer threat list for a tag (replaces the built-in list)",
    tag: TAG,
    auth: "admin",
    params: ZThreatTagParams,
    body: ZThreatListUpload,
    response: ZList(ZThreatListDto),
  }),
  remove: defineRoute({
    method: "DELETE",
    path: "/api/v1/threat-lists/{tag}",
    summary: "Remove an uploaded threat list (the built-in list applies again)",
    tag: TAG,
    auth: "admin",
    params: ZThreatTagParams,
    response: ZList(ZThreatListDto),
  }),
};
