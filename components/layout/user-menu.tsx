"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";
import type { TRole } from "@/lib/shared/roles";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";

export function UserMenu({ name, email, role }: Readonly<{ name: string; email: string; role: TRole }>) {
  const [isBusy, setIsBusy] = useState(false);
  return (
    <div className="flex items-center gap-3">
      <div className="hidden text-right sm:block">
        <p className="text-sm font-medium leading-tight" data-testid="current-user">
          {name}
        </p>
        <p className="text-xs text-slate-500 dark:text-slate-400">{email}</p>
      </div>
      <Badge tone={role === "admin" ? "brand" : role === "analyst" ? "amber" : "neutral"}>
        <span data-testid="current-role">{role}</span>
      </Badge>
      <Button
        variant="secondary"
        isBusy={isBusy}
        onClick={() => {
          setIsBusy(true);
          void signOut({ callbackUrl: "/login" });
        }}
      >
        Sign out
      </Button>
    </div>
  );
}
