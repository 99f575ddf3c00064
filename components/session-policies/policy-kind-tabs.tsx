import Link from "next/link";

export const POLICY_KINDS = ["activity", "session"] as const;
export type TPolicyKind = (typeof POLICY_KINDS)[number];

const TAB = "inline-flex items-center rounded-md px-3 py-1.5 text-sm font-medium";
const ACTIVE = "bg-brand-50 text-brand-700 ring-1 ring-brand-500/40 dark:bg-brand-700/20 dark:text-brand-100";
const IDLE = "text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800";
const TABS: readonly { kind: TPolicyKind; label: string; href: string }[] = [
  { kind: "activity", label: "Built-in and custom", href: "/policies" },
  { kind: "session", label: "Session", href: "/policies?kind=session" },
];

/** The kinds of policy: links, so the chosen kind is in the URL (shareable, reload-safe). */
export function PolicyKindTabs({ current }: Readonly<{ current: TPolicyKind }>) {
  return (
    <nav aria-label="Policy kind" className="mb-4 flex flex-wrap gap-1">
      {TABS.map((tab) => (
        <Link key={tab.kind} href={tab.href} scroll={false} aria-current={tab.kind === current ? "page" : undefined} className={`${TAB} ${tab.kind === current ? ACTIVE : IDLE}`}>
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
