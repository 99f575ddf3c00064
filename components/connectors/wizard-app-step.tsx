import { useId } from "react";

/** Step 0: the app to connect. Atlassian is the only one so far; the button's name is just "Atlassian". */
export function WizardAppStep({ onChoose }: Readonly<{ onChoose: () => void }>) {
  const descriptionId = useId();
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      {/* The button's name is its visible text (WCAG 2.5.3); its ::after covers the card so all of it stays clickable. */}
      <div className="relative flex items-start gap-3 rounded-lg border border-slate-300 bg-white p-4 transition-colors has-[button:hover]:border-brand-500 has-[button:hover]:bg-brand-50 dark:border-slate-700 dark:bg-slate-900 dark:has-[button:hover]:bg-brand-700/20">
        <svg viewBox="0 0 24 24" className="size-8 shrink-0 text-brand-600" aria-hidden>
          <path fill="currentColor" d="M7.1 11.3c-.3-.4-.8-.3-1 .1L1.6 20.4c-.2.4.1.9.5.9h6.3c.2 0 .4-.1.5-.3 1.4-2.8.5-7.1-1.8-9.7Zm3.3-8.2c-2.5 4-2.3 8.4-.7 11.6l3 6.1c.1.2.3.3.5.3h6.3c.4 0 .7-.5.5-.9L11.3 3.1c-.2-.4-.7-.4-.9 0Z" />
        </svg>
        <div>
          <button type="button" onClick={onChoose} aria-describedby={descriptionId} className="block text-left font-semibold after:absolute after:inset-0 after:rounded-lg">
            Atlassian
          </button>
          <p id={descriptionId} className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            Jira, Confluence, Bitbucket and Atlassian Administration activity of one Atlassian Cloud organization, with its users, domains and
            policies.
          </p>
        </div>
      </div>
      <div className="flex items-center rounded-lg border border-dashed border-slate-300 p-4 text-sm text-slate-500 dark:border-slate-700 dark:text-slate-400">
        More apps will follow; each is connected the same way.
      </div>
    </div>
  );
}
