"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { hasRole, type TRole } from "@/lib/shared/roles";
import { NAV_ITEMS, type NavItem } from "./nav-items";

const isActive = (pathname: string, href: string) => (href === "/" ? pathname === "/" : pathname.startsWith(href));

function NavLink({ item, pathname, onNavigate }: Readonly<{ item: NavItem; pathname: string; onNavigate?: () => void }>) {
  const active = isActive(pathname, item.href);
  return (
    <Link
      href={item.href}
      onClick={onNavigate}
      aria-current={active ? "page" : undefined}
      className={`block rounded-md px-3 py-2 text-sm ${
        active ? "bg-brand-50 font-medium text-brand-700 dark:bg-brand-700/20 dark:text-brand-100" : "text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"
      }`}
    >
      {item.label}
    </Link>
  );
}

export function Sidebar({ role, onNavigate }: Readonly<{ role: TRole; onNavigate?: () => void }>) {
  const pathname = usePathname();
  const visible = NAV_ITEMS.filter((i) => hasRole(role, i.role));
  const main = visible.filter((i) => i.section === "main");
  const settings = visible.filter((i) => i.section === "settings");
  return (
    <nav aria-label="Main" className="space-y-6 p-3">
      <ul className="space-y-1">
        {main.map((item) => (
          <li key={item.href}>
            <NavLink item={item} pathname={pathname} onNavigate={onNavigate} />
          </li>
        ))}
      </ul>
      {settings.length ? (
        <div>
          <p className="px-3 pb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Settings</p>
          <ul className="space-y-1">
            {settings.map((item) => (
              <li key={item.href}>
                <NavLink item={item} pathname={pathname} onNavigate={onNavigate} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </nav>
  );
}
