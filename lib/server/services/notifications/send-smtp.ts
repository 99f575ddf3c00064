import nodemailer from "nodemailer";
import type { EmailMessage } from "../../../notifications/types";
import { DeliveryError } from "./delivery-error";

export type SmtpSettings = Readonly<{
  host: string;
  port: number;
  security: "starttls" | "tls" | "none";
  username?: string;
  from: string;
}>;

export const SMTP_TIMEOUT_MS = 10_000;

const TRANSIENT_CODES = new Set(["ECONNECTION", "ETIMEDOUT", "ESOCKET", "EDNS", "ECONNREFUSED", "ECONNRESET", "EPROTOCOL"]);

/** SMTP reply codes: 4xx are transient by definition (RFC 5321 §4.2.1), 5xx permanent. */
const toDeliveryError = (error: unknown): DeliveryError => {
  const e = error as { code?: string; responseCode?: number; response?: string; message?: string };
  const reason = (e.response ?? e.message ?? "SMTP error").replace(/\s+/g, " ").slice(0, 300);
  if (e.code === "EAUTH") return new DeliveryError(`SMTP authentication failed: ${reason}`, false);
  if (typeof e.responseCode === "number") return new DeliveryError(`SMTP server answered ${reason}`, e.responseCode < 500);
  if (e.code === "ETIMEDOUT") return new DeliveryError(`SMTP server did not answer in time (timed out): ${reason}`, true);
  return new DeliveryError(`SMTP error (${e.code ?? "unknown"}): ${reason}`, e.code === undefined || TRANSIENT_CODES.has(e.code));
};

/**
 * Sends one email through the channel's SMTP server: "tls" connects with TLS (usually port 465),
 * "starttls" upgrades when the server offers it, "none" never does (local relays). Every phase of the
 * conversation is bounded by the timeout, the whole by three times it. Throws DeliveryError.
 */
export const sendSmtp = async (
  options: Readonly<{ settings: SmtpSettings; password?: string; to: readonly string[]; message: EmailMessage; timeoutMs?: number }>,
): Promise<{ messageId: string }> => {
  const { settings, password, to, message } = options;
  const timeout = options.timeoutMs ?? SMTP_TIMEOUT_MS;
  const transport = nodemailer.createTransport({
    host: settings.host,
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
  const sending = transport.sendMail({ from: settings.from, to: [...to], subject: message.subject, text: message.text, html: message.html });
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
