/** The password of every simulated user on every simulated site (docs/simulator.md, "Sites"). */
export const SIMULATED_PASSWORD = "atlassian";
