// The labelled detection corpus (docs/scenarios/detection/*.json) through simulator → sync → detection:
// precision and recall of every built-in policy must be at least 0.9. Prints the table.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { ZDetectionCorpusFile } from "../../../detection/corpus/corpus-file";
import { formatScoreTable, scoreDetections, type TScoredAlert } from "../../../detection/corpus/score";
import type { TEpisodeLabel } from "../../../simulator/scenario/episode-label";
import { startSimulator } from "../../../simulator/start-simulator";
import { ZCreateIpRangeInput } from "../../../shared/schemas/ip-ranges";
import { makeUser } from "../../../testing/factories";
import { resetDatabase } from "../../../testing/reset-database";
import { querySql } from "../../../testing/test-database";
import { createConnector } from "../connectors/create-connector";
import { createIpRangeForActor } from "../ip-ranges/save-ip-range";
import { runSyncPass } from "../sync/run-sync-pass";
import { ensureBuiltinPolicies } from "./ensure-builtin-policies";
import { runDetectionPass } from "./run-detection-pass";

const DIR = path.resolve("docs/scenarios/detection");
const logger = pino({ level: "silent" });


/** Runs one corpus file end to end; returns its episode labels and the built-in alerts raised. */
const runCorpusFile = async (file: string) => {
  const corpus = ZDetectionCorpusFile.parse(JSON.parse(readFileSync(path.join(DIR, file), "utf8")));
  await resetDatabase();
  await ensureBuiltinPolicies();
  for (const [key, sensitivity] of Object.entries(corpus.sensitivity)) {
    await querySql(`UPDATE detection_policies SET sensitivity = $2::"Sensitivity" WHERE builtin_key = $1`, [key, sensitivity]);
  }
  const { principal } = await makeUser("admin");
  for (const range of corpus.ipRanges) await createIpRangeForActor({ actor: principal, input: ZCreateIpRangeInput.parse(range) });
  const sim = await startSimulator({ scenario: corpus.scenario, rateLimits: { enabled: false } });
  try {
    const org = corpus.scenario.org;
    const startMs = corpus.scenario.start ? Date.parse(corpus.scenario.start) : Date.now() - corpus.scenario.days * 86_400_000;
    const backfillDays = Math.min(180, Math.ceil((Date.now() - startMs) / 86_400_000) + 1);
    const apiKey = org.apiKeys[0]?.key ?? "";
    const connector = await createConnector({ actor: principal, input: { name: corpus.name.slice(0, 60), orgId: org.id, apiKey, baseUrl: sim.baseUrl, backfillDays } });
    for (let i = 0; i < 100; i++) {
      const pass = await runSyncPass({ connectorId: connector.id, workerId: "corpus", perMinute: 1_000_000, budgetMs: 60_000, logger });
      if (pass.outcome === "caught_up") break;
      if (pass.outcome !== "more") throw new Error(`sync ${pass.outcome}`);
    }
    while ((await runDetectionPass({ connectorId: connector.id, budgetMs: 60_000 })).processed > 0);
    const labels = ((await (await fetch(`${sim.baseUrl}/__sim/orgs/${org.id}/episodes`)).json()) as { episodes: TEpisodeLabel[] }).episodes;
    const alerts = await querySql<{ policyKey: string; explanation: string; eventIds: string[] }>(
      `SELECT al.policy_key AS "policyKey", al.explanation, array_agg(a.event_id) AS "eventIds"
       FROM alerts al JOIN alert_activities l ON l.alert_id = al.id JOIN activities a ON a.seq = l.activity_seq
       WHERE al.policy_key NOT LIKE 'custom:%' GROUP BY al.id`,
    );
    const [{ stored } = { stored: 0 }] = await querySql<{ stored: number }>("SELECT count(*)::int AS stored FROM activities");
    return { labels, alerts: alerts.map((a): TScoredAlert => ({ ...a, explanation: `[${file}] ${a.explanation}` })), stored };
  } finally {
    await sim.close();
  }
};

describe("detection corpus", () => {
  it("reaches precision and recall of at least 0.9 for every built-in policy", { timeout: 900_000 }, async () => {
    const labels: TEpisodeLabel[] = [];
    const alerts: TScoredAlert[] = [];
    const files = readdirSync(DIR).filter((f) => f.endsWith(".json")).sort();
    for (const file of files) {
      const result = await runCorpusFile(file);
      labels.push(...result.labels);
      alerts.push(...result.alerts);
      console.log(`${file}: ${result.stored} activities, ${result.labels.length} episodes, ${result.alerts.length} alerts`);
    }
    const { scores, falsePositives, missed } = scoreDetections(labels, alerts);
    console.log(`\n${formatScoreTable(scores)}\n`);
    for (const fp of falsePositives) console.log(`false positive ${fp.policyKey}: ${fp.explanation}`);
    for (const m of missed) console.log(`missed ${m.policy}: ${m.label.label} at ${m.label.startedAt}`);
    for (const score of scores) {
      expect(score.precision, `${score.policy} precision`).toBeGreaterThanOrEqual(0.9);
      expect(score.recall, `${score.policy} recall`).toBeGreaterThanOrEqual(0.9);
    }
    expect(labels.length).toBeGreaterThan(30);
  });
});
