import type { TChannelKind } from "@/lib/shared/schemas/notifications";

const splitList = (text: string) =>
  text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** The form's inputs, as strings (the policies a list of keys); one set for every kind. */
export type TChannelFormValues = {
  name: string;
  kind: string;
  url: string;
  minSeverity: string;
  policyKeys: string[];
  messagePer: string;
  host: string;
  port: string;
  security: string;
  username: string;
  password: string;
  from: string;
  to: string;
};

/** A problem's parameter → the error key a field reads: "settings.to.2" → "settings.to". */
export const channelErrorKey = (name: string): string => name.replace(/^(settings\.to)\.\d+$/, "$1");

/**
 * Form values → the API body (create or edit); the shared schema then checks it exactly as the server
 * will. Empty secret fields on edit mean "keep the current one".
 */
export const channelFormBody = (values: TChannelFormValues, options: Readonly<{ kind: TChannelKind; isEdit: boolean }>): Record<string, unknown> => {
  const get = (name: Exclude<keyof TChannelFormValues, "policyKeys">) => values[name].trim();
  const routing = {
    name: get("name"),
    minSeverity: get("minSeverity"),
    policyKeys: [...values.policyKeys],
    messagePer: get("messagePer"),
  };
  if (options.kind === "email") {
    const port = get("port");
    const { password } = values;
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
