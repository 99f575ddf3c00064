import Link from "next/link";

/** "← label" above a page title, back to its parent list. */
export function BackLink({ href, label }: Readonly<{ href: string; label: string }>) {
  return (
    <nav aria-label="Breadcrumb" className="mb-2">
      <Link href={href} className="text-sm text-slate-500 hover:text-slate-800 hover:underline dark:text-slate-400 dark:hover:text-slate-200">
        <span aria-hidden>← </span>
        {label}
      </Link>
    </nav>
  );
}
