import { LOCALE } from "../ui/format";

const THIS_YEAR = new Date().getFullYear();

/** "24 Nov, 09:02" (the year only when it is not this one): lists are narrow, the ISO value is in the title. */
const shortTime = (iso: string): string => {
  const date = new Date(iso);
  return date.toLocaleString(LOCALE, { day: "numeric", month: "short", ...(date.getFullYear() === THIS_YEAR ? {} : { year: "numeric" }), hour: "2-digit", minute: "2-digit" });
};

/** A list cell's first and last activity (the last only when it differs). */
export function ActivitySpan({ first, last }: Readonly<{ first: string; last: string }>) {
  return (
    <>
      <time dateTime={first} title={`First activity ${first}`} className="block">
        {shortTime(first)}
      </time>
      {last !== first ? (
        <time dateTime={last} title={`Last activity ${last}`} className="block text-slate-500 dark:text-slate-400">
          → {shortTime(last)}
        </time>
      ) : null}
    </>
  );
}
