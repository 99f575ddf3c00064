import nodemailer from "nodemailer";
import { assertAllowedHost, isTargetRefused, type TTargetPolicy } from "../../../net/guarded-fetch";
import { parseIpLiteral } from "../../../net/address-class";
import type { EmailMessage } from "../../../notifications/types";
import { DeliveryError } from "./delivery-error";
import { describeRefusal, notificationTargetPolicy } from "./target-policy";

export type SmtpSettings = Readonly<{
  host: string;
  port: number;
  security: "starttls" | "tls" | "none";
  username?: string;
  from: string;
}>;

export const SMTP_TIMEOUT_MS = 10_000;

const TRANSIENT_CODES = new Set(["ECONNECTION", "ETIMEDOUT", "ESOCKET", "EDNS", "ECONNREFUSED", "ECONNRESET", "EPROTOCOL"]);

/**
 * SMTP reply codes: 4xx are transient by definition (RFC 5321 §4.2.1), 5xx permanent. The server's own text
 * is not kept: whatever listens on the host and port could reflect anything into a stored, shown error.
 */
const toDeliveryError = (error: unknown): DeliveryError => {
  const e = error as { code?: string; responseCode?: number };
  if (e.code === "EAUTH") return new DeliveryError(`SMTP authentication failed${e.responseCode ? ` (reply ${e.responseCode})` : ""}: check the username and password`, false);
  if (typeof e.responseCode === "number") {
    const kind = e.responseCode < 500 ? "a temporary refusal" : "a permanent refusal";
    return new DeliveryError(`SMTP server answered ${e.responseCode} (${kind})`, e.responseCode < 500);
  }
  if (e.code === "ETIMEDOUT") return new DeliveryError("SMTP server did not answer in time (timed out)", true);
  return new DeliveryError(`SMTP error (${e.code ?? "unknown"})`, e.code === undefined || TRANSIENT_CODES.has(e.code));
};

/**
 * Resolves the SMTP host once and checks every address; nodemailer then connects to the checked address
 * (resolve-then-pin), with the name kept for TLS (SNI and certificate check), so a second DNS answer
 * cannot send the conversation elsewhere.
 */
const pinHost = async (host: string, policy: TTargetPolicy): Promise<{ host: string; servername?: string }> => {
  try {
    const [first] = await assertAllowedHost(host, "smtp:", policy);
    if (!first) throw new DeliveryError(`SMTP host ${host} does not resolve`, true);
    return parseIpLiteral(host) ? { host: first.address } : { host: first.address, servername: host };
  } catch (error) {
    if (isTargetRefused(error)) throw new DeliveryError(`Refused: ${describeRefusal((error as Error).message, policy)}`, false);
    if (error instanceof DeliveryError) throw error;
    const code = (error as { code?: string }).code ?? "DNS error";
    throw new DeliveryError(`Could not resolve the SMTP host ${host} (${code})`, true);
  }
};

/**
 * Sends one email through the channel's SMTP server: "tls" connects with TLS (usually port 465),
 * "starttls" upgrades when the server offers it, "none" never does (local relays). Every phase of the
 * conversation is bounded by the timeout, the whole by three times it. Throws DeliveryError.
 */
export const sendSmtp = async (
  options: Readonly<{ settings: SmtpSettings; password?: string; to: readonly string[]; message: EmailMessage; timeoutMs?: number; policy?: TTargetPolicy }>,
): Promise<{ messageId: string }> => {
  const { settings, password, to, message } = options;
  const timeout = options.timeoutMs ?? SMTP_TIMEOUT_MS;
  const pinned = await pinHost(settings.host, options.policy ?? notificationTargetPolicy());
  const transport = nodemailer.createTransport({
    ...pinned,
    port: settings.port,
    secure: settings.security === "tls",
    ignoreTLS: settings.security === "none",
    auth: settings.username ? { user: settings.username, pass: password ?? "" } : undefined,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    dnsTimeout: timeout,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  // The per-phase timeouts bound each wait; this bounds the whole conversation (a server that trickles).
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new DeliveryError(`SMTP server did not finish within ${(timeout * 3) / 1000} s (timed out)`, true)), timeout * 3);
  });
  const thread = message.thread ? { messageId: message.thread.messageId, inReplyTo: message.thread.inReplyTo, references: message.thread.references } : {};
  const sending = transport.sendMail({ from: settings.from, to: [...to], subject: message.subject, text: message.text, html: message.html, ...thread });
  sending.catch(() => undefined); // settles after close() when the deadline won
  try {
    const info = await Promise.race([sending, deadline]);
    return { messageId: String(info.messageId ?? "") };
  } catch (error) {
    throw error instanceof DeliveryError ? error : toDeliveryError(error);
  } finally {
    clearTimeout(timer);
    transport.close();
  }
};
