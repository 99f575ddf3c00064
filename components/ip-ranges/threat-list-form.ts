import { z } from "zod";
import { parseThreatListText } from "@/lib/enrichment/threat-list-file";
import { ZThreatListUpload, ZThreatTag } from "@/lib/shared/schemas/ip-ranges";

const fileIssue = (ctx: z.RefinementCtx, message: string) => {
  ctx.addIssue({ code: "custom", path: ["file"], message });
  return z.NEVER;
};

/**
 * The threat-list upload form: a tag, the list file and an optional source. The file is read and checked line
 * by line here (asynchronously: zodResolver parses with parseAsync); what it becomes is ZThreatListUpload's body.
 */
export const ZThreatListForm = z
  .object({ tag: ZThreatTag, file: z.custom<FileList | null | undefined>(), source: z.string().optional() })
  .transform(async ({ tag, file, source }, ctx) => {
    const list = file?.[0];
    if (!list || list.size === 0) return fileIssue(ctx, "Choose a list file (one CIDR or address per line)");
    const parsed = parseThreatListText(await list.text());
    const first = parsed.invalid[0];
    if (first) return fileIssue(ctx, `Line ${first.line} is not a CIDR or address: “${first.text.slice(0, 60)}”`);
    if (parsed.cidrs.length === 0) return fileIssue(ctx, "The file lists no addresses");
    const input = { source: source?.trim() || parsed.source || list.name, ...(parsed.date ? { listDate: parsed.date } : {}), cidrs: parsed.cidrs.map((c) => c.canonical) };
    return { tag, input };
  })
  .pipe(z.object({ tag: ZThreatTag, input: ZThreatListUpload }));

/** A refused upload's parameter → the field that shows it (the list's entries and date come from the file). */
export const threatListFieldOf = (name: string): string => (name.startsWith("source") ? "source" : "file");
