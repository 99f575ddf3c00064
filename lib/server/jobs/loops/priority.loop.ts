import { runPriorityRound } from "../../services/priority/run-priority-round";
import { defineLoop } from "../define-loop";

const INTERVAL_MS = 2_000;

/**
 * Investigation priority: every 2 s, recomputes the users detection touched, the users of triaged alerts, and
 * (hourly per user) the decay of non-zero scores. Cursor rows held FOR UPDATE SKIP LOCKED: a second worker skips
 * a connector another is scoring, and a crash leaves the cursor where the last committed round put it.
 */
export const priorityLoop = defineLoop({
  name: "priority",
  run: async ({ logger, isStopping }) => {
    const until = Date.now() + 60_000;
    while (Date.now() < until && !isStopping()) {
      const started = Date.now();
      const result = await runPriorityRound();
      if (result.users > 0) logger.debug(result, "priorities updated");
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, INTERVAL_MS - (Date.now() - started))));
    }
  },
});
