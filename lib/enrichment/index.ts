export { parseCidr, parseIp, formatIp, findOverlaps, cidrsOverlap, type TCidr, type TParsedIp } from "./cidr";
export { createIpIndex, createIpSet, mergeCidrs, type TIpIndex } from "./ip-index";
export { enrichActivities, type TEnrichable, type TEnrichmentContext, type TRangeMatch } from "./enrich-activities";
export { parseThreatListText } from "./threat-list-file";
