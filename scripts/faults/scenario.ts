// The fault suite's scenario: what was posted to each simulator org (the expected activities), plus
// "travellers" whose London → Sydney hops must raise exactly one impossible-travel alert each.
import { randomUUID } from "node:crypto";
import { loginEvents, postEvents } from "../../lib/testing/sim-org";

const DAY_MS = 86_400_000;
const CHUNK = 10_000;
export const LONDON = { ip: "81.2.69.142", geo: "51.5072,-0.1276", countryName: "United Kingdom", city: "London" };
export const SYDNEY = { ip: "1.120.45.8", geo: "-33.8688,151.2093", countryName: "Australia", city: "Sydney" };

export type TPerson = Readonly<{ accountId: string; name: string; email: string }>;

/** One login of `person` at `timeMs` from `location`, as /events-stream serves it. */
export const loginAt = (person: TPerson, timeMs: number, location: typeof LONDON) => ({
  id: randomUUID(),
  type: "events",
  attributes: {
    time: new Date(timeMs).toISOString(),
    action: "user_login",
    actor: { id: person.accountId, name: person.name, email: person.email },
    container: [{ id: "org", type: "orgs", attributes: { name: "Acme" } }],
    location,
  },
  message: { content: "Logged in to account", format: "simple" },
});

/** One simulator org synced by one connector: every event posted, by id. */
export const createTarget = (options: Readonly<{ name: string; baseUrl: string; orgId: string; members: readonly TPerson[]; travellers?: number }>) => {
  const expected = new Set<string>();
  /** Posted events the connector must quarantine instead of storing (served in an unexpected shape). */
  const quarantined = new Set<string>();
  const travellers = Array.from({ length: options.travellers ?? 0 }, (_, i) => ({ accountId: `traveller-${i}-${options.orgId.slice(0, 8)}`, name: `Traveller ${i}`, email: `traveller${i}@acme.test` }));
  let travelled = 0;
  // One login a millisecond, all in the past.
  const logins = (count: number) => loginEvents(options.members, count, Date.now() - count - 60_000);

  const post = async (events: readonly { id: string }[]) => {
    for (let i = 0; i < events.length; i += CHUNK) {
      const chunk = events.slice(i, i + CHUNK);
      await postEvents(options.baseUrl, options.orgId, chunk);
      for (const event of chunk) expected.add(event.id);
    }
  };

  return {
    ...options,
    connectorId: "",
    expected: expected as ReadonlySet<string>,
    quarantined: quarantined as ReadonlySet<string>,
    /** `count` logins of the members (no hop); resolves to their ids. */
    postLogins: async (count: number): Promise<string[]> => {
      const events = logins(count);
      await post(events);
      return events.map((e) => e.id);
    },
    /** These events are expected in quarantine, not among the activities. */
    expectQuarantined: (ids: readonly string[]) => {
      for (const id of ids) {
        expected.delete(id);
        quarantined.add(id);
      }
    },
    /** Who has hopped so far (each should have one impossible-travel alert). */
    travelledIds: () => travellers.slice(0, travelled).map((t) => t.accountId),
    /** `count` logins of the members, plus each traveller's first login 8 days ago (learning period). */
    postBackfill: (count: number) => post([...travellers.map((t) => loginAt(t, Date.now() - 8 * DAY_MS, LONDON)), ...logins(count)]),
    /** `count` logins of the members and, with `withHop` while travellers are left, the next one's London → Sydney hop. */
    /** Resolves to the account id of the traveller who hopped, if any. */
    postBatch: async (count: number, withHop = true): Promise<string | undefined> => {
      const traveller = withHop ? travellers[travelled] : undefined;
      const hop = traveller ? [loginAt(traveller, Date.now() - 20 * 60_000, LONDON), loginAt(traveller, Date.now() - 10 * 60_000, SYDNEY)] : [];
      if (traveller) travelled++;
      await post([...logins(count), ...hop]);
      return traveller?.accountId;
    },
  };
};

export type TTarget = ReturnType<typeof createTarget>;
