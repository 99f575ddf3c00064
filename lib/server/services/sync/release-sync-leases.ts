import { releaseSyncLeasesOf } from "../../repositories/connector-repository";

/** A stopping worker hands its connectors back, so another worker (or its own restart) syncs them at once. */
export const releaseSyncLeases = (owner: string): Promise<void> => releaseSyncLeasesOf(owner);
