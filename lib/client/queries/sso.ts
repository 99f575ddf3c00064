import { queryOptions } from "@tanstack/react-query";
import { ssoApi } from "../api/sso";

export const ssoKeys = { all: ["sso"] as const };

export const ssoSettingsQuery = () => queryOptions({ queryKey: ssoKeys.all, queryFn: ssoApi.settings });
