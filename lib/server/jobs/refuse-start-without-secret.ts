// Imported first by worker.ts: ES modules evaluate in import order, and the logger reads the environment as
// it loads, so a check inside main() would come after a weak secret had already thrown with a stack trace.
import { refuseStartWithoutSecret } from "../runtime/require-secret";

refuseStartWithoutSecret("worker");
