import { AppError } from "../../../shared/errors";
import type { TAlertCommentDto } from "../../../shared/schemas/alerts";
import { insertIncidentComment } from "../../repositories/incident-detail-repository";
import { assertCanTriage, triageActorOf } from "../alerts/triage-actor";
import { toCommentDto } from "../detection/get-alert";
import type { Principal } from "../principal";

const EXCERPT_CHARS = 140;

/** POST /api/v1/incidents/{id}/comments: the comment and a "commented" history event, together. */
export const addIncidentComment = async (
  options: Readonly<{ actor: Pick<Principal, "userId" | "email" | "name" | "role">; incidentId: string; body: string }>,
): Promise<TAlertCommentDto> => {
  const { actor, incidentId, body } = options;
  assertCanTriage(actor);
  const excerpt = body.length > EXCERPT_CHARS ? `${body.slice(0, EXCERPT_CHARS - 1)}…` : body;
  const comment = await insertIncidentComment({ incidentId, author: triageActorOf(actor), body, excerpt });
  if (!comment) throw new AppError("not_found", "Incident not found");
  return toCommentDto(comment);
};
