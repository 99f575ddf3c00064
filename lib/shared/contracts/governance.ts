import { ZGovernanceActionDto, ZGovernanceActionIdParams, ZGovernanceActionInput, ZGovernanceLogDto, ZGovernanceLogQuery } from "../schemas/governance";
import { defineRoute } from "./define-route";

const TAG = "Governance";

export const governanceContracts = {
  request: defineRoute({
    method: "POST",
    path: "/api/v1/governance-actions",
    summary:
      "Queue a governance action against an Atlassian user (notify_user, require_sign_in, suspend_user, unsuspend_user); the worker runs it with retries. 400 when the user is not in that connector's directory",
    tag: TAG,
    auth: "analyst",
    body: ZGovernanceActionInput,
    response: ZGovernanceActionDto,
    status: 202,
  }),
  listLog: defineRoute({
    method: "GET",
    path: "/api/v1/governance-log",
    summary: "The governance log: every action with its target, trigger, status and error, newest first",
    tag: TAG,
    auth: "viewer",
    query: ZGovernanceLogQuery,
    response: ZGovernanceLogDto,
  }),
  revert: defineRoute({
    method: "POST",
    path: "/api/v1/governance-actions/{id}/revert",
    summary: "Undo a succeeded suspend_user: queues unsuspend_user (restore-access); 400 for any other action",
    tag: TAG,
    auth: "analyst",
    params: ZGovernanceActionIdParams,
    response: ZGovernanceActionDto,
    status: 202,
  }),
  confirm: defineRoute({
    method: "POST",
    path: "/api/v1/governance-actions/{id}/confirm",
    summary: "Confirm a suspension that restores automatically: the automatic restore is cancelled and the user stays suspended",
    tag: TAG,
    auth: "analyst",
    params: ZGovernanceActionIdParams,
    response: ZGovernanceActionDto,
  }),
};
