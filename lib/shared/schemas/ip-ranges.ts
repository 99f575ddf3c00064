import { z } from "zod";
import { findOverlaps, parseCidr } from "../../enrichment/cidr";
import { ZIpCategory } from "./policies";

/** Threat-intel tags: built-in lists exist for some (data/threat-lists), admins may upload any of them. */
export const THREAT_TAGS = ["tor", "anonymous_proxy", "botnet", "malware_c2", "password_spray", "brute_force", "scanner", "spam"] as const;
/** Tags of anonymizers (the anonymous_ip policy); every other threat tag feeds suspicious_ip. */
export const ANONYMIZER_TAGS = ["tor", "anonymous_proxy"] as const;
/** Descriptive tags for the org's own ranges. */
export const RANGE_TAGS = ["office", "branch", "wifi", "remote_access", "datacenter", "partner", "hosting", "vpn_provider"] as const;
/** The known tag vocabulary: an IP range may carry only these. */
export const IP_TAGS = [...THREAT_TAGS, ...RANGE_TAGS] as const;
export type TThreatTag = (typeof THREAT_TAGS)[number];
export type TIpTag = (typeof IP_TAGS)[number];

const KNOWN_TAGS = new Set<string>(IP_TAGS);
export const ZIpTag = z
  .string()
  .trim()
  .toLowerCase()
  .refine((tag) => KNOWN_TAGS.has(tag), { error: (issue) => `Unknown tag "${String(issue.input)}" (known tags: ${IP_TAGS.join(", ")})` });

export const ZThreatTag = z.enum(THREAT_TAGS, { error: `Threat tag must be one of ${THREAT_TAGS.join(", ")}` });

/** One CIDR (IPv4 or IPv6, or a bare address), canonicalized: host bits cleared, RFC 5952 text. */
export const ZCidr = z.string().transform((text, ctx) => {
  const cidr = parseCidr(text);
  if (!cidr) {
    ctx.addIssue({ code: "custom", message: `Invalid CIDR "${text.trim()}": use a.b.c.d/nn or an IPv6 prefix such as 2001:db8::/32` });
    return z.NEVER;
  }
  return cidr.canonical;
});

/** CIDRs that must not overlap each other; the message names the first overlapping pair. */
export const ZCidrList = z
  .array(ZCidr, { error: "CIDRs must be a list" })
  .min(1, "Enter at least one CIDR")
  .max(1000, "At most 1000 CIDRs per range")
  .superRefine((list, ctx) => {
    const parsed = list.map((c) => parseCidr(c)).filter((c) => c !== null);
    const [pair] = findOverlaps(parsed);
    if (pair) ctx.addIssue({ code: "custom", message: `CIDRs ${pair[0].canonical} and ${pair[1].canonical} overlap` });
  });

/** Location override for a range: the country, and optionally the city and coordinates. */
export const ZRangeLocation = z
  .object({
    countryCode: z
      .string()
      .trim()
      .regex(/^[A-Za-z]{2}$/, "Country must be an ISO code such as GB")
      .transform((c) => c.toUpperCase()),
    city: z.string().trim().max(120).optional(),
    lat: z.number().min(-90, "Latitude must be between -90 and 90").max(90, "Latitude must be between -90 and 90").optional(),
    lon: z.number().min(-180, "Longitude must be between -180 and 180").max(180, "Longitude must be between -180 and 180").optional(),
  })
  .strict()
  .refine((l) => (l.lat === undefined) === (l.lon === undefined), { error: "Give both latitude and longitude, or neither", path: ["lat"] });
export type TRangeLocation = z.infer<typeof ZRangeLocation>;

const ZTags = z.array(ZIpTag).max(20, "At most 20 tags").transform((tags) => [...new Set(tags)]);

export const ZIpRangeName = z.string().trim().min(1, "Name is required").max(120, "Name must be at most 120 characters");

export const ZCreateIpRangeInput = z
  .object({
    name: ZIpRangeName,
    cidrs: ZCidrList,
    category: ZIpCategory,
    tags: ZTags.default([]),
    location: ZRangeLocation.nullable().optional(),
    expiresAt: z.iso.datetime({ offset: true, error: "expiresAt must be an ISO date-time" }).nullable().optional(),
  })
  .strict();
export type TCreateIpRangeInput = z.infer<typeof ZCreateIpRangeInput>;

export const ZUpdateIpRangeInput = z
  .object({
    name: ZIpRangeName.optional(),
    cidrs: ZCidrList.optional(),
    category: ZIpCategory.optional(),
    tags: ZTags.optional(),
    location: ZRangeLocation.nullable().optional(),
    expiresAt: z.iso.datetime({ offset: true, error: "expiresAt must be an ISO date-time" }).nullable().optional(),
  })
  .strict();
export type TUpdateIpRangeInput = z.infer<typeof ZUpdateIpRangeInput>;

export const ZIpRangeIdParams = z.object({ id: z.uuid({ error: "Unknown IP range id" }) });

export const ZIpRangeDto = z.object({
  id: z.string(),
  name: z.string(),
  cidrs: z.array(z.string()),
  category: ZIpCategory,
  tags: z.array(z.string()),
  // Plain (no transforms) so the OpenAPI document can describe the response.
  location: z.object({ countryCode: z.string(), city: z.string().optional(), lat: z.number().optional(), lon: z.number().optional() }).nullable(),
  expiresAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TIpRangeDto = z.infer<typeof ZIpRangeDto>;

/** Upload of a newer threat list for one tag: replaces the built-in list of that tag. */
export const ZThreatListUpload = z
  .object({
    source: z.string().trim().min(1, "Say where the list comes from").max(300),
    listDate: z.iso.date({ error: "listDate must be a date such as 2026-11-24" }).optional(),
    cidrs: z.array(ZCidr).min(1, "The list is empty").max(100_000, "At most 100,000 entries"),
  })
  .strict();
export type TThreatListUpload = z.infer<typeof ZThreatListUpload>;

export const ZThreatTagParams = z.object({ tag: ZThreatTag });

export const ZThreatListDto = z.object({
  tag: z.string(),
  origin: z.enum(["builtin", "uploaded"]),
  source: z.string(),
  listDate: z.string().nullable(),
  entryCount: z.number().int(),
  uploadedAt: z.string().nullable(),
});
export type TThreatListDto = z.infer<typeof ZThreatListDto>;
