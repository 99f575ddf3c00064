import {
  ZLegalHoldDto,
  ZLegalHoldIdParams,
  ZLegalHoldInput,
  ZRetentionDto,
  ZRetentionPreviewDto,
  ZRetentionRunResult,
  ZRetentionSettingsInput,
} from "../schemas/retention";
import { defineRoute } from "./define-route";

const TAG = "Data retention";

export const retentionContracts = {
  get: defineRoute({
    method: "GET",
    path: "/api/v1/retention",
    summary: "Retention periods (and where each comes from), legal holds and the last runs",
    tag: TAG,
    auth: "admin",
    response: ZRetentionDto,
  }),
  update: defineRoute({
    method: "PUT",
    path: "/api/v1/retention",
    summary: "Set the retention periods in days; a period fixed by its environment variable cannot be changed (400)",
    tag: TAG,
    auth: "admin",
    body: ZRetentionSettingsInput,
    response: ZRetentionDto,
  }),
  preview: defineRoute({
    method: "GET",
    path: "/api/v1/retention/preview",
    summary: "Dry run: what the next retention run would remove, and what it keeps past retention",
    tag: TAG,
    auth: "admin",
    response: ZRetentionPreviewDto,
  }),
  run: defineRoute({
    method: "POST",
    path: "/api/v1/retention/run",
    summary: "Run retention now (recorded in the portal audit log); ran is false while another run is under way",
    tag: TAG,
    auth: "admin",
    response: ZRetentionRunResult,
  }),
  createHold: defineRoute({
    method: "POST",
    path: "/api/v1/retention/holds",
    summary: "Put a connector, or one Atlassian account of it, on legal hold: kept past retention until released",
    tag: TAG,
    auth: "admin",
    body: ZLegalHoldInput,
    response: ZLegalHoldDto,
    status: 201,
  }),
  releaseHold: defineRoute({
    method: "DELETE",
    path: "/api/v1/retention/holds/{id}",
    summary: "Release a legal hold (the record stays, marked released)",
    tag: TAG,
    auth: "admin",
    params: ZLegalHoldIdParams,
    response: ZLegalHoldDto,
  }),
};
