import { siteNameOf, type TOrgDefinition, type TUserDefinition, type TUserStatus } from "../org-definition";
import { definedTokens } from "../store/sim-org";
import { EventFactory, type TPerson, type TTokenUse } from "./event-factory";
import { randomIpIn } from "./geo";
import { BUILTIN_IP_POOLS, type TIpPool, type TIpPoolKind } from "./ip-pools";
import { Prng } from "./prng";
import type { TScenario } from "./schema";

/** A user plus what the generator needs to make up their activity. */
export type TUserProfile = TPerson & {
  isAdmin: boolean;
  isManaged: boolean;
  status: TUserStatus;
  /** Office range the user works from, and their fixed home-ISP address in the same city. */
  officePool: TIpPool;
  homePool: TIpPool;
  homeIp: string;
  tokens: TTokenUse[];
};

/** The org of a scenario with every derived, seed-determined detail. */
export type TWorld = {
  seed: number;
  scenario: TScenario;
  definition: TOrgDefinition;
  profiles: TUserProfile[];
  /** Active users, and the active org admins (never empty when any admin exists). */
  active: TUserProfile[];
  admins: TUserProfile[];
  pools: TIpPool[];
  factory: EventFactory;
};

const FIRST_NAMES = ["Ada", "Alan", "Grace", "Linus", "Margaret", "Dennis", "Barbara", "Ken", "Radia", "Edsger", "Frances", "Tim", "Katherine", "Donald", "Hedy", "John", "Shafi", "Leslie", "Sophie", "Niklaus", "Joan", "Bjarne", "Carol", "Guido", "Anita", "James", "Lynn", "Robin", "Mary", "Whitfield", "Evelyn", "Vint", "Karen", "Yukihiro", "Adele", "Brian", "Jean", "Bob", "Ida", "Rasmus"];
const LAST_NAMES = ["Lovelace", "Turing", "Hopper", "Torvalds", "Hamilton", "Ritchie", "Liskov", "Thompson", "Perlman", "Dijkstra", "Allen", "Berners-Lee", "Johnson", "Knuth", "Lamarr", "McCarthy", "Goldwasser", "Lamport", "Wilson", "Wirth", "Clarke", "Stroustrup", "Shaw", "Rossum", "Borg", "Gosling", "Conway", "Milner", "Keller", "Diffie", "Boykin", "Cerf", "Jones", "Matsumoto", "Goldberg", "Kernighan", "Sammet", "Kahn", "Rhodes", "Lerdorf"];

/** Makes up `count` users on the given domains; the first `adminCount` on verified domains are admins. */
const generateUsers = (scenario: TScenario, prng: Prng, taken: Set<string>): TUserDefinition[] => {
  const spec = scenario.generatedUsers;
  if (!spec) return [];
  const verified = new Set(scenario.org.domains.filter((domain) => domain.status === "verified").map((domain) => domain.name.toLowerCase()));
  const domains = Object.entries(spec.domains);
  const users: TUserDefinition[] = [];
  let admins = 0;
  for (let i = 0; i < spec.count; i++) {
    const first = prng.pick(FIRST_NAMES);
    const last = prng.pick(LAST_NAMES);
    const domain = prng.weighted(domains, ([, weight]) => weight)[0].toLowerCase();
    let local = `${first}.${last}`.toLowerCase();
    for (let n = 2; taken.has(`${local}@${domain}`); n++) local = `${first}.${last}${n}`.toLowerCase();
    taken.add(`${local}@${domain}`);
    const isAdmin = admins < spec.adminCount && verified.has(domain);
    if (isAdmin) admins++;
    const accountId = prng.chance(0.3) ? `712020:${prng.uuid()}` : prng.hex(24);
    users.push({ accountId, name: `${first} ${last}`, email: `${local}@${domain}`, admin: isAdmin });
  }
  return users;
};

/** Builds the org definition (explicit plus generated users) and every user's profile from the seed. */
export const buildWorld = (scenario: TScenario, seed: number): TWorld => {
  const root = new Prng(seed);
  const taken = new Set(scenario.org.users.map((user) => user.email.toLowerCase()));
  const users = [...scenario.org.users, ...generateUsers(scenario, root.fork("users"), taken)];
  const definition: TOrgDefinition = { ...scenario.org, users };
  const pools = scenario.ipPools ?? [...BUILTIN_IP_POOLS];
  const offices = pools.filter((pool) => pool.kind === "office");
  const homes = pools.filter((pool) => pool.kind === "home");
  if (offices.length === 0) throw new Error("a scenario needs at least one ipPools entry of kind office");
  const verified = new Set(definition.domains.filter((domain) => domain.status === "verified").map((domain) => domain.name.toLowerCase()));
  const profiles = users.map((user): TUserProfile => {
    const prng = root.fork(`profile:${user.accountId}`);
    const officePool = prng.weighted(offices, (pool) => pool.weight ?? 1);
    const homePool = homes.find((pool) => pool.place.city === officePool.place.city) ?? officePool;
    const email = user.email.toLowerCase();
    return {
      accountId: user.accountId,
      name: user.name,
      email,
      isAdmin: user.admin ?? false,
      isManaged: verified.has(email.slice(email.lastIndexOf("@") + 1)),
      status: user.status ?? "active",
      officePool,
      homePool,
      homeIp: randomIpIn(homePool.cidr, prng),
      tokens: definedTokens(definition.id, user).map((token) => ({ tokenId: token.id, tokenLabel: token.label })),
    };
  });
  const active = profiles.filter((profile) => profile.status === "active");
  return {
    seed,
    scenario,
    definition,
    profiles,
    active,
    admins: active.filter((profile) => profile.isAdmin),
    pools,
    factory: new EventFactory({ id: definition.id, name: definition.name, siteName: siteNameOf(definition) }),
  };
};

/** Pools of a kind, falling back to the built-in ones when a custom scenario has none. */
export const poolsOfKind = (world: TWorld, kind: TIpPoolKind): TIpPool[] => {
  const own = world.pools.filter((pool) => pool.kind === kind);
  return own.length > 0 ? own : BUILTIN_IP_POOLS.filter((pool) => pool.kind === kind);
};
