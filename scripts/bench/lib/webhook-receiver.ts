// A local webhook receiver for benchmarks (bench:latency): node:http on 127.0.0.1, answering 200 at once,
// that records the wall-clock time (Date.now()) the first delivery of each alert arrived, by the alert id
// in Watchpost's generic webhook body ({type: "alert", alert: {id, ...}, sentAt}).
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export type TWebhookReceiver = Readonly<{
  url: string;
  /** Arrival (body fully read) of the first delivery of the alert, in epoch ms. */
  receivedAt: (alertId: string) => number | undefined;
  /** Requests received: alerts (first delivery of each), repeats of an alert already received, anything else. */
  counts: () => { alerts: number; repeats: number; other: number };
  close: () => Promise<void>;
}>;

export const startWebhookReceiver = async (): Promise<TWebhookReceiver> => {
  const firstArrival = new Map<string, number>();
  let repeats = 0;
  let other = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const at = Date.now();
      res.writeHead(200, { "content-type": "text/plain" }).end("ok");
      let alertId: unknown;
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { type?: unknown; alert?: { id?: unknown } };
        alertId = body.type === "alert" ? body.alert?.id : undefined;
      } catch {
        alertId = undefined;
      }
      if (typeof alertId !== "string") other++;
      else if (firstArrival.has(alertId)) repeats++;
      else firstArrival.set(alertId, at);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/watchpost`,
    receivedAt: (alertId) => firstArrival.get(alertId),
    counts: () => ({ alerts: firstArrival.size, repeats, other }),
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
