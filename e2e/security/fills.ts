// Values for dynamic segments ([id], [key], [tag], …): syntactically valid but naming nothing that exists,
// so role and fuzz requests never touch shared e2e state. A new segment gets a fresh UUID by default.
import { randomUUID } from "node:crypto";

type TFill = Readonly<{ value: () => string; note?: string }>;

/** Per "<route>#<segment>"; falls back to BY_SEGMENT, then a UUID. */
const BY_ROUTE: Readonly<Record<string, TFill>> = {
  // Activity ids are positive bigints (seq).
  "/api/v1/activities/[id]#id": { value: () => "987654321987654321" },
  // Threat tags are a closed enum: no valid value is unknown, and a known one would touch a real list,
  // so the unknown fill is an invalid tag (400).
  "/api/v1/threat-lists/[tag]#tag": { value: () => "no_such_tag", note: "enum: answers 400" },
};

const BY_SEGMENT: Readonly<Record<string, TFill>> = {
  key: { value: () => "no_such_recommendation" },
  tag: { value: () => "no_such_tag" },
};

const segmentFill = (route: string, segment: string): string =>
  (BY_ROUTE[`${route}#${segment}`] ?? BY_SEGMENT[segment] ?? { value: () => randomUUID() }).value();

/** The unknown value of each dynamic segment of `route`. */
export const unknownValues = (route: string): Record<string, string> =>
  Object.fromEntries([...route.matchAll(/\[(?:\.\.\.)?(\w+)\]/g)].map((m) => [m[1] as string, segmentFill(route, m[1] as string)]));

/** The route with every dynamic segment filled with an unknown value (or with `values` where given). */
export const fillRoute = (route: string, values: Readonly<Record<string, string>> = {}): string =>
  route.replace(/\[(?:\.\.\.)?(\w+)\]/g, (_, segment: string) => encodeURIComponent(values[segment] ?? segmentFill(route, segment)));

export const hasDynamicSegment = (route: string) => /\[[^\]]+\]/.test(route);
