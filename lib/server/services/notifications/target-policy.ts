import { getEnv } from "../../../env";
import { assertAllowedHost, isTargetRefused, type TTargetPolicy } from "../../../net/guarded-fetch";
import { AppError } from "../../../shared/errors";

const HINT = "set WATCHPOST_ALLOW_PRIVATE_TARGETS=1 to allow private targets";

/**
 * Webhooks and SMTP reach public addresses only, unless an admin set WATCHPOST_ALLOW_PRIVATE_TARGETS (an
 * internal relay or receiver). No loopback exception: a webhook could otherwise POST to services on this host.
 */
export const notificationTargetPolicy = (allowPrivate: boolean = getEnv().WATCHPOST_ALLOW_PRIVATE_TARGETS): TTargetPolicy => ({ allowPrivate, allowLoopbackHttpLiteral: false });

/** The refusal as shown on a delivery or a form: the reason and, when it could help, the variable. */
export const describeRefusal = (reason: string, policy: TTargetPolicy): string => (policy.allowPrivate || /metadata|unspecified|multicast|reserved/.test(reason) ? reason : `${reason} (${HINT})`);

/**
 * On save: refuses a webhook URL or SMTP host whose address is not allowed (400 naming the field). A name
 * that does not resolve yet is accepted: deliveries report that, and are checked again on every connection.
 */
export const assertNotificationTarget = async (options: Readonly<{ host: string; protocol: string; field: string; label: string; policy?: TTargetPolicy }>): Promise<void> => {
  const policy = options.policy ?? notificationTargetPolicy();
  try {
    await assertAllowedHost(options.host, options.protocol, policy);
  } catch (error) {
    if (!isTargetRefused(error)) return;
    const message = `${options.label} refused: ${describeRefusal((error as Error).message, policy)}`;
    throw new AppError("bad_request", message, [{ name: options.field, reason: message }]);
  }
};
