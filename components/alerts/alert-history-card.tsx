import type { TAlertEventDto } from "@/lib/shared/schemas/alerts";
import { Card } from "../ui/card";
import { LocalTime } from "../ui/local-time";
import { describeAlertEvent, eventActor } from "./alert-history-format";

type Props = Readonly<{
  history: readonly TAlertEventDto[];
  /** "alert" (default) or "incident", with the sentences for its event kinds. */
  noun?: string;
  describe?: (event: TAlertEventDto, previous: TAlertEventDto | undefined, noun: string) => string;
}>;

/** Every change to the alert (or incident), oldest first: who, when, what. */
export function AlertHistoryCard({ history, noun = "alert", describe = describeAlertEvent }: Props) {
  return (
    <Card title="History" description={`Every change to this ${noun}: who, when and what.`}>
      {history.length === 0 ? (
        <p className="text-sm text-slate-500 dark:text-slate-400">No history recorded.</p>
      ) : (
        <ol aria-label={noun === "alert" ? "Alert history" : "Incident history"} className="relative space-y-4 border-l border-slate-200 pl-5 dark:border-slate-800">
          {history.map((event, i) => (
            <li key={event.id} data-testid="alert-history-item" data-kind={event.kind} className="relative text-sm">
              <span aria-hidden className="absolute top-1.5 -left-[1.6rem] size-2.5 rounded-full border-2 border-white bg-brand-500 dark:border-slate-900" />
              <p className="text-xs text-slate-500 dark:text-slate-400">
                <LocalTime iso={event.at} />{" "}
                · <span className="font-medium text-slate-700 dark:text-slate-200">{eventActor(event)}</span>
              </p>
              <p className="mt-0.5 break-words">{describe(event, history[i - 1], noun)}</p>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
