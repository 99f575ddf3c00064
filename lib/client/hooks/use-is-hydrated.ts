import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * False while the server renders and while the browser hydrates that HTML, true afterwards. Text that depends on
 * the browser (its time zone, the current second) must not differ from the server's during hydration, or React
 * throws the server HTML away (error #418).
 */
export const useIsHydrated = (): boolean =>
  useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
