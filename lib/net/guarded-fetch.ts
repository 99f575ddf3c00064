import dns, { type LookupAddress, type LookupOptions } from "node:dns";
import { Agent, buildConnector, fetch as undiciFetch } from "undici";
import { parseIpLiteral, refusalOf } from "./address-class";

/**
 * Where an outbound request may go. Enforced when the socket is opened, on the addresses it actually
 * connects to, so a name that resolves to a public address when saved and to 127.0.0.1 later (DNS
 * rebinding) is still refused.
 */
export type TTargetPolicy = Readonly<{
  /** Private, loopback, link-local and CGNAT addresses (WATCHPOST_ALLOW_PRIVATE_TARGETS). */
  allowPrivate: boolean;
  /** Plain http to a loopback IP literal (the simulator, e.g. http://127.0.0.1:4010); never a name. */
  allowLoopbackHttpLiteral: boolean;
}>;

/** Refused by the address rules; `reason` is safe to show (host and address, never a path). */
export class TargetRefusedError extends Error {
  override name = "TargetRefusedError";
  readonly code = "ERR_TARGET_REFUSED";
  constructor(readonly reason: string) {
    super(reason);
  }
}

export const isTargetRefused = (error: unknown): error is TargetRefusedError => {
  // undici wraps connect errors: fetch rejects with TypeError("fetch failed") whose cause is ours.
  for (let e = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof TargetRefusedError || (e as { code?: unknown }).code === "ERR_TARGET_REFUSED") return true;
  }
  return false;
};

/** The TargetRefusedError inside `error` (see isTargetRefused), or null. */
export const targetRefusalOf = (error: unknown): TargetRefusedError | null => {
  for (let e = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof TargetRefusedError) return e;
  }
  return null;
};

const refuseLiteral = (host: string, protocol: string, policy: TTargetPolicy): TargetRefusedError | null => {
  const literal = parseIpLiteral(host);
  if (!literal) return null;
  const reason = refusalOf(literal.toString(), { allowPrivate: policy.allowPrivate, allowLoopback: policy.allowLoopbackHttpLiteral && protocol === "http:" });
  return reason ? new TargetRefusedError(`${host} is ${reason}: Watchpost does not connect there`) : null;
};

const refuseResolved = (host: string, addresses: readonly LookupAddress[], policy: TTargetPolicy): TargetRefusedError | null => {
  // Every address must pass: the OS may pick any of them, and happy eyeballs tries several.
  for (const { address } of addresses) {
    const reason = refusalOf(address, { allowPrivate: policy.allowPrivate, allowLoopback: false });
    if (reason) return new TargetRefusedError(`${host} resolves to ${address}, ${reason}: Watchpost does not connect there`);
  }
  return null;
};

type TLookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A net.connect `lookup` that resolves as usual, then refuses the connection unless every address is allowed. */
export const guardedLookup =
  (policy: TTargetPolicy) =>
  (hostname: string, options: LookupOptions, callback: TLookupCallback): void => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const refused = refuseResolved(hostname, addresses, policy) ?? (addresses.length === 0 ? new TargetRefusedError(`${hostname} does not resolve`) : null);
      if (refused) return callback(refused as NodeJS.ErrnoException, []);
      if (options.all) return callback(null, addresses);
      const first = addresses[0] as LookupAddress;
      callback(null, first.address, first.family);
    });
  };

/** Resolves a host name (or reads an IP literal) and throws TargetRefusedError when the rules refuse it. */
export const assertAllowedHost = async (host: string, protocol: string, policy: TTargetPolicy): Promise<LookupAddress[]> => {
  const literalRefusal = refuseLiteral(host, protocol, policy);
  if (literalRefusal) throw literalRefusal;
  const literal = parseIpLiteral(host);
  if (literal) return [{ address: literal.toString(), family: literal.kind() === "ipv4" ? 4 : 6 }];
  const addresses = await dns.promises.lookup(host, { all: true });
  const refused = refuseResolved(host, addresses, policy);
  if (refused) throw refused;
  return addresses;
};

const agents = new Map<string, Agent>();

/** One keep-alive pool per policy; every new socket goes through the address rules. */
export const guardedDispatcher = (policy: TTargetPolicy): Agent => {
  const key = `${policy.allowPrivate}:${policy.allowLoopbackHttpLiteral}`;
  let agent = agents.get(key);
  if (!agent) {
    const connect = buildConnector({ lookup: guardedLookup(policy) } as buildConnector.BuildOptions);
    agent = new Agent({
      // net.connect skips `lookup` for IP literals, so those are checked here.
      connect: (options, callback) => {
        const refused = refuseLiteral(options.hostname, options.protocol, policy);
        if (refused) return callback(refused, null);
        return connect(options, callback);
      },
    });
    agents.set(key, agent);
  }
  return agent;
};

/** fetch (undici's, the same implementation as Node's) whose connections obey `policy`. */
export const guardedFetch =
  (policy: TTargetPolicy): typeof globalThis.fetch =>
  (input, init) =>
    undiciFetch(input as Parameters<typeof undiciFetch>[0], { ...(init as Parameters<typeof undiciFetch>[1]), dispatcher: guardedDispatcher(policy) }) as unknown as Promise<Response>;
