"use client";
// Pieces both policy editors (custom activity policies and session policies) show the same way.
import type { ComponentProps, ReactNode } from "react";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { SelectField, TextField } from "../ui/field";

/** "Start from a template": a select that fills the form from the chosen template. */
export function TemplatePicker({ templates, onPick }: Readonly<{ templates: readonly { key: string; title: string }[]; onPick: (key: string) => void }>) {
  return (
    <Card title="Start from a template" description="Fills the form; change anything before saving.">
      <SelectField label="Template" defaultValue="" onChange={(e) => onPick(e.target.value)}>
        <option value="">Blank policy</option>
        {templates.map((t) => (
          <option key={t.key} value={t.key}>
            {t.title}
          </option>
        ))}
      </SelectField>
    </Card>
  );
}

/** The preview's days field and button, with a line saying what it runs over. */
export function PreviewBar({ days, isBusy, onPreview, children }: Readonly<{ days: Omit<ComponentProps<typeof TextField>, "label">; isBusy: boolean; onPreview: () => void; children: ReactNode }>) {
  return (
    <div className="flex flex-wrap items-start gap-3">
      <div className="w-32">
        <TextField label="Days" type="number" min={1} max={90} {...days} />
      </div>
      <Button type="button" variant="secondary" className="mt-6" isBusy={isBusy} onClick={onPreview}>
        Preview
      </Button>
      <p className="mt-7 text-xs text-slate-500">{children}</p>
    </div>
  );
}
