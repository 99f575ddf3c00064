import { z } from "zod";
import { ZCreateIpRangeInput, ZIpRangeDto, ZThreatListDto, ZThreatListUpload, ZUpdateIpRangeInput } from "../../schemas/ip-ranges";
import type { TEndpointSpec } from "../endpoint";

const ZList = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item) });

export const ipRangesEndpoints: readonly TEndpointSpec[] = [
  { method: "get", path: "/api/v1/ip-ranges", summary: "List named IP ranges", tag: "IP ranges", auth: "viewer", response: ZList(ZIpRangeDto) },
  {
    method: "post",
    path: "/api/v1/ip-ranges",
    summary: "Create an IP range (CIDRs IPv4/IPv6, canonicalized; no overlap with other ranges; known tags only)",
    tag: "IP ranges",
    auth: "admin",
    body: ZCreateIpRangeInput,
    response: ZIpRangeDto,
    status: 201,
  },
  { method: "patch", path: "/api/v1/ip-ranges/{id}", summary: "Change an IP range", tag: "IP ranges", auth: "admin", body: ZUpdateIpRangeInput, response: ZIpRangeDto },
  { method: "delete", path: "/api/v1/ip-ranges/{id}", summary: "Delete an IP range", tag: "IP ranges", auth: "admin", status: 204 },
  { method: "get", path: "/api/v1/threat-lists", summary: "Threat lists in force per tag (built-in or uploaded)", tag: "IP ranges", auth: "viewer", response: ZList(ZThreatListDto) },
  {
    method: "put",
    path: "/api/v1/threat-lists/{tag}",
    summary: "Upload a newer threat list for a tag (replaces the built-in list)",
    tag: "IP ranges",
    auth: "admin",
    body: ZThreatListUpload,
    response: ZList(ZThreatListDto),
  },
  { method: "delete", path: "/api/v1/threat-lists/{tag}", summary: "Remove an uploaded threat list (the built-in list applies again)", tag: "IP ranges", auth: "admin", response: ZList(ZThreatListDto) },
];
