import type { z } from "zod";
import type { TChannelKind } from "@/lib/shared/schemas/notifications";

/** Field → message: zod issue paths joined with dots ("settings.host"), as the server names them too. */
export type TChannelFieldErrors = Partial<Record<string, string>>;

export const channelFieldErrors = (issues: readonly Readonly<{ path: readonly PropertyKey[]; message: string }>[]): TChannelFieldErrors => {
  const out: TChannelFieldErrors = {};
  for (const issue of issues) {
    const field = issue.path.map(String).join(".") || "form";
    // Recipients: "settings.to.2" → "settings.to".
    out[field.replace(/^(settings\.to)\.\d+$/, "$1")] ??= issue.message;
  }
  return out;
};

export const zodChannelErrors = (error: z.ZodError): TChannelFieldErrors => channelFieldErrors(error.issues);

const splitList = (text: string) =>
  text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * Form values → the API body (create or edit); the shared schema then checks it exactly as the server
 * will. Empty secret fields on edit mean "keep the current one".
 */
export const channelFormBody = (form: FormData, options: Readonly<{ kind: TChannelKind; isEdit: boolean }>): Record<string, unknown> => {
  const get = (name: string) => String(form.get(name) ?? "").trim();
  const routing = {
    name: get("name"),
    minSeverity: get("minSeverity"),
    policyKeys: form.getAll("policyKeys").map(String),
  };
  if (options.kind === "email") {
    const port = get("port");
    const password = String(form.get("password") ?? "");
    return {
      ...(options.isEdit ? {} : { kind: "email" }),
      ...routing,
      settings: {
        host: get("host"),
        port: port ? Number(port) : undefined,
        security: get("security"),
        ...(get("username") ? { username: get("username") } : {}),
        from: get("from"),
        to: splitList(get("to")),
      },
      ...(password ? { password } : {}),
    };
  }
  const url = get("url");
  return { ...(options.isEdit ? {} : { kind: options.kind }), ...routing, ...(url || !options.isEdit ? { url } : {}) };
};
