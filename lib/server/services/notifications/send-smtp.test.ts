import { createServer, type AddressInfo, type Server, type Socket } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterEach, describe, expect, it } from "vitest";
import { sendSmtp } from "./send-smtp";

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()?.();
});

const message = { subject: "s", text: "t", html: "<p>t</p>" };
const settings = (port: number) => ({ host: "127.0.0.1", port, security: "none" as const, from: "watchpost@example.com" });

/** An SMTP server that answers RCPT TO with the given reply code. */
const rejectingServer = async (code: number) => {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(_address, _session, callback) {
      callback(Object.assign(new Error(code >= 500 ? "No such user" : "Mailbox busy, try later"), { responseCode: code }));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return (server.server.address() as AddressInfo).port;
};

describe("sendSmtp", () => {
  it("fails permanently on a 5xx reply and transiently on a 4xx reply", async () => {
    await expect(sendSmtp({ settings: settings(await rejectingServer(550)), to: ["x@example.com"], message })).rejects.toMatchObject({ retryable: false, message: expect.stringContaining("550") });
    await expect(sendSmtp({ settings: settings(await rejectingServer(451)), to: ["x@example.com"], message })).rejects.toMatchObject({ retryable: true, message: expect.stringContaining("451") });
  });

  it("times out a server that never greets, as a transient failure", async () => {
    const sockets = new Set<Socket>();
    const silent: Server = createServer((socket) => void sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    closers.push(() => new Promise<void>((resolve) => (sockets.forEach((s) => s.destroy()), silent.close(() => resolve()))));
    const port = (silent.address() as AddressInfo).port;
    await expect(sendSmtp({ settings: settings(port), to: ["x@example.com"], message, timeoutMs: 300 })).rejects.toMatchObject({ retryable: true, message: expect.stringContaining("timed out") });
  });

  it("reports a refused connection as transient", async () => {
    const port = await rejectingServer(550);
    await closers.pop()?.();
    await expect(sendSmtp({ settings: settings(port), to: ["x@example.com"], message })).rejects.toMatchObject({ retryable: true });
  });

  it("keeps the reply code but never the server's own text", async () => {
    const error = await sendSmtp({ settings: settings(await rejectingServer(550)), to: ["x@example.com"], message }).then(() => null, (e: unknown) => e as Error);
    expect(error?.message).toBe("SMTP server answered 550 (a permanent refusal)");
  });

  it("refuses a loopback or private SMTP host without WATCHPOST_ALLOW_PRIVATE_TARGETS, before connecting", async () => {
    const policy = { allowPrivate: false, allowLoopbackHttpLiteral: false };
    const port = await rejectingServer(250);
    await expect(sendSmtp({ settings: settings(port), to: ["x@example.com"], message, policy })).rejects.toMatchObject({ retryable: false, message: /127\.0\.0\.1 is a loopback address/ });
    await expect(sendSmtp({ settings: { ...settings(port), host: "localhost" }, to: ["x@example.com"], message, policy })).rejects.toMatchObject({ message: /localhost resolves to .*a loopback address/ });
    await expect(sendSmtp({ settings: { ...settings(25), host: "10.0.0.25" }, to: ["x@example.com"], message, policy })).rejects.toMatchObject({ message: /a private address/ });
  });
});
