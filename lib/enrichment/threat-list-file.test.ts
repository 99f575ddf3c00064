import { describe, expect, it } from "vitest";
import { loadBuiltinThreatLists } from "./builtin-threat-lists";
import { parseThreatListText } from "./threat-list-file";

describe("threat list files", () => {
  it("reads the header, entries with trailing comments, and reports bad lines", () => {
    const file = parseThreatListText("# tag: tor\n# source: Tor Project\n# date: 2026-11-20\n\n185.220.101.1\n185.220.102.0/24  # exit block\nnot-an-ip\n2001:db8::1\n");
    expect(file).toMatchObject({ tag: "tor", source: "Tor Project", date: "2026-11-20", invalid: [{ line: 7, text: "not-an-ip" }] });
    expect(file.cidrs.map((c) => c.canonical)).toEqual(["185.220.101.1/32", "185.220.102.0/24", "2001:db8::1/128"]);
  });

  it("ships valid built-in lists with a source and a date, including the simulator's tor pool", () => {
    const lists = loadBuiltinThreatLists();
    expect(lists.map((l) => l.tag)).toEqual(expect.arrayContaining(["tor", "anonymous_proxy", "password_spray", "botnet", "malware_c2"]));
    for (const list of lists) expect(list).toMatchObject({ source: expect.stringMatching(/\w/), date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect(lists.find((l) => l.tag === "tor")?.cidrs.map((c) => c.canonical)).toContain("185.220.101.0/24");
  });
});
