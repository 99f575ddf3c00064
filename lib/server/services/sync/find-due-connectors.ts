import { findDueConnectorIds } from "../../repositories/connector-repository";

/** Connectors that need a sync pass now (behind, or due for their next poll, and not backing off). */
export const findDueConnectors = (options: Readonly<{ pollSeconds: number }>): Promise<string[]> => findDueConnectorIds(options.pollSeconds);
