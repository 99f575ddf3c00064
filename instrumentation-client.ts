// Runs in the browser before the app's own code (Next.js instrumentation-client convention).
import { z } from "zod";

// zod decides on its JIT object parser by probing `new Function("")`. The portal's CSP has no 'unsafe-eval', so
// the probe throws; zod catches that, but Chromium still reports a CSP violation for it. jitless skips the probe
// (the interpreted parser is plenty for forms).
z.config({ jitless: true });
