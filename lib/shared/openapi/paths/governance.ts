import { ZGovernanceActionDto, ZGovernanceActionInput, ZGovernanceLogDto, ZGovernanceLogQuery } from "../../schemas/governance";
import type { TEndpointSpec } from "../endpoint";

export const governanceEndpoints: readonly TEndpointSpec[] = [
  {
    method: "post",
    path: "/api/v1/governance-actions",
    summary:
      "Queue a governance action against an Atlassian user (notify_user, require_sign_in, suspend_user, unsuspend_user); the worker runs it with retries. 400 when the user is not in that connector's directory",
    tag: "Governance",
    auth: "analyst",
    body: ZGovernanceActionInput,
    response: ZGovernanceActionDto,
    status: 202,
  },
  {
    method: "get",
    path: "/api/v1/governance-log",
    summary: "The governance log: every action with its target, trigger, status and error, newest first",
    tag: "Governance",
    auth: "viewer",
    query: ZGovernanceLogQuery,
    response: ZGovernanceLogDto,
  },
  {
    method: "post",
    path: "/api/v1/governance-actions/{id}/revert",
    summary: "Undo a succeeded suspend_user: queues unsuspend_user (restore-access); 400 for any other action",
    tag: "Governance",
    auth: "analyst",
    response: ZGovernanceActionDto,
    status: 202,
  },
  {
    method: "post",
    path: "/api/v1/governance-actions/{id}/confirm",
    summary: "Confirm a suspension that restores automatically: the automatic restore is cancelled and the user stays suspended",
    tag: "Governance",
    auth: "analyst",
    response: ZGovernanceActionDto,
  },
];
