import { AppError } from "../../../shared/errors";
import type { TAlertCommentDto } from "../../../shared/schemas/alerts";
import { insertAlertComment } from "../../repositories/alert-detail-repository";
import type { Principal } from "../principal";
import { toCommentDto } from "../detection/get-alert";
import { assertCanTriage, triageActorOf } from "./triage-actor";

const EXCERPT_CHARS = 140;

/** POST /api/v1/alerts/{id}/comments: the comment and a "commented" history event, together. */
export const addAlertComment = async (
  options: Readonly<{ actor: Pick<Principal, "userId" | "email" | "name" | "role">; alertId: string; body: string }>,
): Promise<TAlertCommentDto> => {
  const { actor, alertId, body } = options;
  assertCanTriage(actor);
  const excerpt = body.length > EXCERPT_CHARS ? `${body.slice(0, EXCERPT_CHARS - 1)}…` : body;
  const comment = await insertAlertComment({ alertId, author: triageActorOf(actor), body, excerpt });
  if (!comment) throw new AppError("not_found", "Alert not found");
  return toCommentDto(comment);
};
