"use client";

import { useRouter } from "next/navigation";
import { Button } from "../ui/button";

/** Opens the connect wizard; a button (not a link) because it starts a task, and tests find it by that role. */
export function ConnectAppButton() {
  const router = useRouter();
  return (
    <Button onMouseEnter={() => router.prefetch("/connectors/new")} onClick={() => router.push("/connectors/new")}>
      Connect an app
    </Button>
  );
}
