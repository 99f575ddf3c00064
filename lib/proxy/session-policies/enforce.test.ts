import { describe, expect, it } from "vitest";
import { createNoticeStore, isNavigation, noticeFileName, noticeOf } from "./block-response";
import { fileNameOfDisposition, fileOfAnswer, fileSizeOfAnswer } from "./enforce";
import { personFactsOf } from "./people";

describe("file facts from the answer", () => {
  it("reads the name from Content-Disposition, filename* first", () => {
    expect(fileNameOfDisposition('attachment; filename="report.pdf"')).toBe("report.pdf");
    expect(fileNameOfDisposition("attachment; filename=plain.zip; size=3")).toBe("plain.zip");
    expect(fileNameOfDisposition(`attachment; filename="r_sum_.pdf"; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf`)).toBe("résumé.pdf");
    expect(fileNameOfDisposition('attachment; filename="say \\"hi\\".txt"')).toBe('say "hi".txt');
    expect(fileNameOfDisposition("inline")).toBeNull();
    expect(fileNameOfDisposition(undefined)).toBeNull();
  });

  it("takes the whole size from a 200's length or a 206's range total, and none from other answers", () => {
    expect(fileSizeOfAnswer(200, { "content-length": "104857600" })).toBe(104_857_600);
    expect(fileSizeOfAnswer(206, { "content-length": "1000", "content-range": "bytes 100-1099/104857600" })).toBe(104_857_600);
    expect(fileSizeOfAnswer(206, { "content-range": "bytes 0-99/*" })).toBeNull();
    expect(fileSizeOfAnswer(302, { "content-length": "0" })).toBeNull();
    expect(fileSizeOfAnswer(200, {})).toBeNull();
    expect(fileSizeOfAnswer(200, { "content-length": "12abc" })).toBeNull();
  });

  it("keeps the classification's file name over the answer's", () => {
    const headers = { "content-disposition": 'attachment; filename="other.bin"', "content-length": "10", "content-type": "application/pdf" };
    expect(fileOfAnswer({ product: "confluence", action: "proxy_download_attachment", fileName: "a.pdf" }, 200, headers)).toEqual({ name: "a.pdf", sizeBytes: 10, contentType: "application/pdf" });
    expect(fileOfAnswer({ product: "confluence", action: "proxy_download_attachment" }, 200, headers).name).toBe("other.bin");
    expect(fileOfAnswer({ product: "confluence", action: "proxy_export_space" }, 0, null)).toEqual({ name: null, sizeBytes: null, contentType: null });
  });
});

describe("person facts", () => {
  const people = { users: new Map([["acc-admin", { isAdmin: true, groups: ["atlassian/org-admin"] }]]), verifiedDomains: new Set(["acme.com"]) };

  it("external means a signed-in email outside the verified domains; anonymous and unsynced orgs are not external", () => {
    expect(personFactsOf(people, { id: "acc-x", email: "carol@contractors.example" })).toEqual({ isAdmin: false, isExternal: true, groups: [] });
    expect(personFactsOf(people, { id: "acc-admin", email: "ADA@ACME.COM" })).toEqual({ isAdmin: true, isExternal: false, groups: ["atlassian/org-admin"] });
    expect(personFactsOf(people, null)).toEqual({ isAdmin: false, isExternal: false, groups: [] });
    expect(personFactsOf({ users: new Map(), verifiedDomains: new Set() }, { id: "a", email: "x@gmail.com" }).isExternal).toBe(false);
    expect(personFactsOf(undefined, { id: "a", email: "x@gmail.com" }).isExternal).toBe(false);
    expect(personFactsOf(people, { id: "a", email: null }).isExternal).toBe(false);
  });
});

describe("block responses", () => {
  const policy = {
    id: "p1",
    name: "No <script> downloads",
    description: "",
    enabled: true,
    priority: 1,
    controlType: "control_download",
    filters: {},
    action: { kind: "block", contact: "it@acme.com" },
    notifyUser: false,
    alert: null,
    createdAt: "",
    updatedAt: "",
  } as const;

  it("names the notice after the file, without path separators or control characters", () => {
    expect(noticeFileName("report.pdf")).toBe("report.pdf.txt");
    expect(noticeFileName("../../etc/passwd\r\n")).toBe("....etcpasswd.txt");
    expect(noticeFileName(null)).toBe("download.txt");
    const notice = noticeOf(policy, "Acme", "report.pdf");
    expect(notice.text.split("\n")[0]).toBe("Download restricted by Acme policy No <script> downloads");
    expect(notice.text).toContain("Contact: it@acme.com");
  });

  it("tells navigations from scripts and command-line clients", () => {
    const req = (headers: Record<string, string>) => ({ headers }) as never;
    expect(isNavigation(req({ "sec-fetch-mode": "navigate" }))).toBe(true);
    expect(isNavigation(req({ accept: "text/html,application/xhtml+xml" }))).toBe(true);
    expect(isNavigation(req({ "sec-fetch-mode": "cors", accept: "text/html" }))).toBe(false);
    expect(isNavigation(req({ accept: "*/*" }))).toBe(false);
  });

  it("serves each notice once", () => {
    const store = createNoticeStore();
    const path = store.put(noticeOf(policy, "Acme", "a.pdf"));
    expect(path).toMatch(/^\/__watchpost\/notice\/[\w-]{24}$/);
    expect(store.take(path)?.fileName).toBe("a.pdf.txt");
    expect(store.take(path)).toBeNull();
    expect(store.take("/__watchpost/notice/nope")).toBeNull();
  });
});
