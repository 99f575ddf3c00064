import { beforeEach, describe, expect, it } from "vitest";
import { CUSTOM_POLICY_TEMPLATES } from "../../../detection/custom/templates";
import { BUILTIN_POLICY_KEYS, ZCreatePolicyInput, ZUpdatePolicyInput } from "../../../shared/schemas/policies";
import { makeUser } from "../../../testing/factories";
import { resetDatabase } from "../../../testing/reset-database";
// eslint-disable-next-line no-restricted-imports -- the test checks the stored rows themselves
import { getDb } from "../../db";
import { forgetBuiltinPolicyRows } from "./ensure-builtin-rows";
import { getPolicyDtoOrThrow, listPolicyDtos } from "./get-policies";
import { createPolicy, deletePolicyForActor, updatePolicyForActor } from "./save-policy";

beforeEach(async () => {
  await resetDatabase();
  forgetBuiltinPolicyRows();
});

const template = CUSTOM_POLICY_TEMPLATES[0];

describe("policies", () => {
  it("lists the seven built-ins, tunes them, and refuses other fields for built-ins", async () => {
    const { principal } = await makeUser("admin");
    const list = await listPolicyDtos();
    expect(list.map((p) => p.key)).toEqual([...BUILTIN_POLICY_KEYS]);
    expect(list.every((p) => p.kind === "builtin" && p.enabled)).toBe(true);

    const tuned = await updatePolicyForActor({ actor: principal, idOrKey: "impossible_travel", input: ZUpdatePolicyInput.parse({ enabled: false, sensitivity: "high", severity: "high" }) });
    expect(tuned).toMatchObject({ key: "impossible_travel", enabled: false, sensitivity: "high", severity: "high" });
    await expect(updatePolicyForActor({ actor: principal, idOrKey: tuned.id, input: { name: "Renamed" } })).rejects.toMatchObject({ status: 400, invalidParams: [{ name: "name" }] });
    await expect(updatePolicyForActor({ actor: principal, idOrKey: "no_such_policy", input: { enabled: true } })).rejects.toMatchObject({ status: 404 });
    await expect(deletePolicyForActor({ actor: principal, idOrKey: "impossible_travel" })).rejects.toMatchObject({ status: 400 });
  });

  it("creates, edits and deletes a custom policy from a template, with audit entries", async () => {
    const { principal } = await makeUser("admin");
    if (!template) throw new Error("no template");
    const created = await createPolicy({ actor: principal, input: ZCreatePolicyInput.parse({ name: template.name, severity: template.severity, filter: template.filter, trigger: template.trigger }) });
    expect(created).toMatchObject({ kind: "custom", key: `custom:${created.id}`, filter: template.filter, trigger: template.trigger, enabled: true });
    expect(await getPolicyDtoOrThrow(created.key)).toMatchObject({ id: created.id });

    await expect(createPolicy({ actor: principal, input: ZCreatePolicyInput.parse({ name: template.name, filter: {}, trigger: { kind: "single" } }) })).rejects.toMatchObject({ status: 409, invalidParams: [{ name: "name" }] });
    await expect(createPolicy({ actor: principal, input: ZCreatePolicyInput.parse({ name: "Impossible travel", filter: {}, trigger: { kind: "single" } }) })).rejects.toMatchObject({ status: 409 });

    const edited = await updatePolicyForActor({ actor: principal, idOrKey: created.id, input: ZUpdatePolicyInput.parse({ name: "Failed sign-ins (strict)", trigger: { kind: "repeated", count: 5, windowMinutes: 5 } }) });
    expect(edited).toMatchObject({ name: "Failed sign-ins (strict)", trigger: { kind: "repeated", count: 5, windowMinutes: 5, perUser: true, perProduct: false } });
    expect((await listPolicyDtos()).at(-1)?.id).toBe(created.id);

    await deletePolicyForActor({ actor: principal, idOrKey: created.key });
    await expect(getPolicyDtoOrThrow(created.id)).rejects.toMatchObject({ status: 404 });
    const actions = (await getDb().auditEvent.findMany({ orderBy: { id: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["policy.created", "policy.updated", "policy.deleted"]);
  });

  it("refuses bad filters and triggers at the schema", () => {
    expect(ZCreatePolicyInput.safeParse({ name: "x", filter: { actions: ["no_such_action"] }, trigger: { kind: "single" } }).success).toBe(false);
    expect(ZCreatePolicyInput.safeParse({ name: "x", filter: {}, trigger: { kind: "repeated", count: 1, windowMinutes: 5 } }).success).toBe(false);
  });
});
