import { findDueConnectorIds, resetPollIntervals } from "../../repositories/connector-repository";

/** Connectors that need a sync pass now (behind, or due for their next poll, and not backing off). */
export const findDueConnectors = (options: Readonly<{ pollSeconds: number }>): Promise<string[]> => findDueConnectorIds(options.pollSeconds);

/** At worker start: every connector is polled at once, whatever its quiet backoff (events may have piled up). */
export const pollEveryConnectorSoon = (options: Readonly<{ pollSeconds: number }>): Promise<void> => resetPollIntervals(options.pollSeconds * 1000);
