// The demo Atlassian organization that `npm start` serves (simulator), for the connect wizard's help text.
// lib/simulator/demo.ts is the source of truth; the values are copied because browser code must not import
// the simulator. demo-org.test.ts fails if they drift apart.

export const DEMO_ORG_ID = "5e1d0c2b-8f4a-4c3e-9b7d-6a2f1e0d9c8b";
export const DEMO_API_KEY = "demo-admin-api-key-5e1d0c2b-watchpost";
/** Where `npm start` runs the demo simulator by default (WATCHPOST_DEMO_PORT, loopback only). */
export const DEMO_PORT = 4010;

/** The demo simulator's API base URL when it listens on `port`. */
export const demoBaseUrl = (port: number = DEMO_PORT): string => `http://127.0.0.1:${port}`;

export const DEMO_BASE_URL = demoBaseUrl();
