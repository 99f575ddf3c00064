import { z } from "zod";
import { ZChannelDto, ZCreateChannelInput, ZDeliveryDto, ZDeliveryListQuery, ZUpdateChannelInput } from "../../schemas/notifications";
import type { TEndpointSpec } from "../endpoint";

const TAG = "Notifications";

export const notificationsEndpoints: readonly TEndpointSpec[] = [
  { method: "get", path: "/api/v1/notification-channels", summary: "List notification channels (secrets are never returned, only a hint)", tag: TAG, auth: "admin", response: z.object({ data: z.array(ZChannelDto) }) },
  {
    method: "post",
    path: "/api/v1/notification-channels",
    summary: "Add a channel: email (SMTP), webhook (JSON), Slack or Teams incoming webhook, with routing by minimum severity and policies. 409 when the name is taken",
    tag: TAG,
    auth: "admin",
    body: ZCreateChannelInput,
    response: ZChannelDto,
    status: 201,
  },
  { method: "get", path: "/api/v1/notification-channels/{id}", summary: "One notification channel with its last success and last failure", tag: TAG, auth: "admin", response: ZChannelDto },
  {
    method: "patch",
    path: "/api/v1/notification-channels/{id}",
    summary: "Edit a channel (the kind is fixed; the password or webhook URL is replaced only when given)",
    tag: TAG,
    auth: "admin",
    body: ZUpdateChannelInput,
    response: ZChannelDto,
  },
  { method: "delete", path: "/api/v1/notification-channels/{id}", summary: "Delete a channel and its delivery history", tag: TAG, auth: "admin", status: 204 },
  {
    method: "post",
    path: "/api/v1/notification-channels/{id}/test",
    summary: "Queue a test message to the channel; the worker sends it within about a second (poll the deliveries for the result)",
    tag: TAG,
    auth: "admin",
    response: ZDeliveryDto,
    status: 202,
  },
  {
    method: "get",
    path: "/api/v1/notification-channels/{id}/deliveries",
    summary: "The channel's deliveries (alerts, tests, user notices, key-expiry warnings), newest first, with status, attempts and error",
    tag: TAG,
    auth: "admin",
    query: ZDeliveryListQuery,
    response: z.object({ data: z.array(ZDeliveryDto), nextCursor: z.string().nullable() }),
  },
];
