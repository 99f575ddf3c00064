import { z } from "zod";
import { ZChannelDto, ZChannelIdParams, ZCreateChannelInput, ZDeliveryDto, ZDeliveryListQuery, ZUpdateChannelInput } from "../schemas/notifications";
import { defineRoute } from "./define-route";

const TAG = "Notifications";

export const notificationContracts = {
  listChannels: defineRoute({
    method: "GET",
    path: "/api/v1/notification-channels",
    summary: "List notification channels (secrets are never returned, only a hint)",
    tag: TAG,
    auth: "admin",
    response: z.object({ data: z.array(ZChannelDto) }),
  }),
  createChannel: defineRoute({
    method: "POST",
    path: "/api/v1/notification-channels",
    summary: "Add a channel: email (SMTP), webhook (JSON), Slack or Teams incoming webhook, with routing by minimum severity and policies. 409 when the name is taken",
    tag: TAG,
    auth: "admin",
    body: ZCreateChannelInput,
    response: ZChannelDto,
    status: 201,
  }),
  getChannel: defineRoute({
    method: "GET",
    path: "/api/v1/notification-channels/{id}",
    summary: "One notification channel with its last success and last failure",
    tag: TAG,
    auth: "admin",
    params: ZChannelIdParams,
    response: ZChannelDto,
  }),
  updateChannel: defineRoute({
    method: "PATCH",
    path: "/api/v1/notification-channels/{id}",
    summary: "Edit a channel (the kind is fixed; the password or webhook URL is replaced only when given)",
    tag: TAG,
    auth: "admin",
    params: ZChannelIdParams,
    body: ZUpdateChannelInput,
    response: ZChannelDto,
  }),
  deleteChannel: defineRoute({
    method: "DELETE",
    path: "/api/v1/notification-channels/{id}",
    summary: "Delete a channel and its delivery history",
    tag: TAG,
    auth: "admin",
    params: ZChannelIdParams,
    status: 204,
  }),
  testChannel: defineRoute({
    method: "POST",
    path: "/api/v1/notification-channels/{id}/test",
    summary: "Queue a test message to the channel; the worker sends it within about a second (poll the deliveries for the result)",
    tag: TAG,
    auth: "admin",
    params: ZChannelIdParams,
    response: ZDeliveryDto,
    status: 202,
  }),
  listDeliveries: defineRoute({
    method: "GET",
    path: "/api/v1/notification-channels/{id}/deliveries",
    summary: "The channel's deliveries (alerts, tests, user notices, key-expiry warnings), newest first, with status, attempts and error",
    tag: TAG,
    auth: "admin",
    params: ZChannelIdParams,
    query: ZDeliveryListQuery,
    response: z.object({ data: z.array(ZDeliveryDto), nextCursor: z.string().nullable() }),
  }),
};
