import { DEFAULT_ATLASSIAN_BASE_URL, MAX_KEY_LIFETIME_DAYS, type TCreateConnectorInput } from "@/lib/shared/schemas/connectors";
import { dateInputValue } from "../ui/format";

/** The wizard's form state: strings, as the inputs hold them; parsed by ZCreateConnectorInput on Connect. */
export type TWizardValues = Readonly<{
  name: string;
  orgId: string;
  apiKey: string;
  baseUrl: string;
  apiKeyExpiresAt: string;
  backfillDays: string;
}>;

/** Fields inside the "Advanced" disclosure: it opens by itself when one of them has an error. */
export const ADVANCED_FIELDS = ["baseUrl", "apiKeyExpiresAt", "backfillDays"] as const;

export const BACKFILL_OPTIONS = [
  { value: "0", label: "None (as Microsoft Defender does)" },
  { value: "1", label: "1 day" },
  { value: "7", label: "7 days" },
  { value: "30", label: "30 days" },
  { value: "90", label: "90 days" },
  { value: "180", label: "180 days (all Atlassian keeps)" },
] as const;

const DAY_MS = 86_400_000;

/** One year ahead, minus a day of margin so the date stays within the server's "at most one year" in any time zone. */
export const maxKeyExpiry = (now: Date): string => dateInputValue(new Date(now.getTime() + (MAX_KEY_LIFETIME_DAYS - 1) * DAY_MS));
export const minKeyExpiry = (now: Date): string => dateInputValue(new Date(now.getTime() + DAY_MS));

export const initialWizardValues = (now: Date): TWizardValues => ({
  name: "",
  orgId: "",
  apiKey: "",
  baseUrl: DEFAULT_ATLASSIAN_BASE_URL,
  apiKeyExpiresAt: maxKeyExpiry(now),
  backfillDays: "0",
});

export const toCreateInput = (values: TWizardValues): TCreateConnectorInput => ({
  name: values.name,
  orgId: values.orgId,
  apiKey: values.apiKey,
  baseUrl: values.baseUrl,
  apiKeyExpiresAt: values.apiKeyExpiresAt || undefined,
  backfillDays: Number(values.backfillDays),
});
