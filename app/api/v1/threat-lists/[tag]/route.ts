// PUT /api/v1/threat-lists/{tag} – upload a newer list for a tag; DELETE – back to the built-in list (admin)
import { withRoute } from "@/lib/server/http/with-route";
import { removeThreatList, uploadThreatList } from "@/lib/server/services/ip-ranges/threat-lists";
import { threatListContracts } from "@/lib/shared/contracts/ip-ranges";

export const PUT = withRoute(threatListContracts.upload, async ({ principal, params, body }) => ({ data: await uploadThreatList({ actor: principal, tag: params.tag, input: body }) }));

export const DELETE = withRoute(threatListContracts.remove, async ({ principal, params }) => ({ data: await removeThreatList({ actor: principal, tag: params.tag }) }));
