"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { incidentSettingsQuery } from "@/lib/client/queries/incidents";
import { Button } from "../ui/button";
import { IncidentSettingsDialog } from "./incident-settings-dialog";

/** The /incidents header's "Grouping settings" (admins only: the page renders it for them alone). */
export function IncidentSettingsButton() {
  const [isOpen, setIsOpen] = useState(false);
  const settings = useQuery({ ...incidentSettingsQuery(), enabled: isOpen });
  return (
    <>
      <Button variant="secondary" isBusy={isOpen && settings.isPending} onClick={() => setIsOpen(true)}>
        Grouping settings
      </Button>
      {isOpen && settings.data ? <IncidentSettingsDialog settings={settings.data} onClose={() => setIsOpen(false)} /> : null}
      {isOpen && settings.error ? (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          {settings.error.message}
        </p>
      ) : null}
    </>
  );
}
