import { IP_CATEGORY_LABELS } from "../activities/activity-format";
import { formatCount, formatDuration } from "../ui/format";
import { LocalTime } from "../ui/local-time";
import { countryName } from "./alert-format";

type TPlace = Readonly<{ t: number; cc: string; city: string | null; ip: string | null; cat: string | null }>;

const placeOf = (value: unknown): TPlace | null => {
  if (!value || typeof value !== "object") return null;
  const v = value as Record<string, unknown>;
  if (typeof v.t !== "number" || typeof v.cc !== "string") return null;
  return { t: v.t, cc: v.cc, city: typeof v.city === "string" ? v.city : null, ip: typeof v.ip === "string" ? v.ip : null, cat: typeof v.cat === "string" ? v.cat : null };
};
const num = (value: unknown): number | null => (typeof value === "number" && Number.isFinite(value) ? value : null);

function PlaceCard({ label, place }: Readonly<{ label: string; place: TPlace }>) {
  const iso = new Date(place.t).toISOString();
  return (
    <div className="min-w-0 flex-1 rounded-lg border border-slate-200 bg-slate-50 px-4 py-3 dark:border-slate-800 dark:bg-slate-950" data-testid={`travel-${label.toLowerCase()}`}>
      <p className="text-xs font-medium tracking-wide text-slate-500 uppercase dark:text-slate-400">{label}</p>
      <p className="mt-1 text-base font-semibold break-words">{place.city ?? countryName(place.cc)}</p>
      <p className="text-sm text-slate-600 dark:text-slate-300">
        {place.city ? `${countryName(place.cc)} ` : null}
        <abbr title={countryName(place.cc)} className="rounded bg-slate-200 px-1 text-xs font-medium no-underline dark:bg-slate-800">
          {place.cc}
        </abbr>
      </p>
      <p className="mt-2 text-sm">
        <LocalTime iso={iso} />
      </p>
      <p className="font-mono text-xs break-all text-slate-500 dark:text-slate-400">
        {place.ip ?? "no IP"}
        {place.cat ? ` · ${IP_CATEGORY_LABELS[place.cat] ?? place.cat}` : ""}
      </p>
    </div>
  );
}

/** impossible_travel: where the user was, where they were next, and the speed that would take (from the alert's details). */
export function AlertTravelView({ details }: Readonly<{ details: Record<string, unknown> }>) {
  const from = placeOf(details.from);
  const to = placeOf(details.to);
  if (!from || !to) return null;
  const km = num(details.km);
  const kmh = num(details.kmh);
  const minutes = num(details.minutes);
  return (
    <figure aria-label="Travel" className="flex flex-col items-stretch gap-3 sm:flex-row sm:items-center">
      <PlaceCard label="From" place={from} />
      <div className="flex shrink-0 flex-col items-center px-2 text-center" data-testid="travel-speed">
        <span aria-hidden className="text-2xl leading-none text-slate-400">
          <span className="hidden sm:inline">→</span>
          <span className="sm:hidden">↓</span>
        </span>
        {km !== null ? <span className="mt-1 text-sm font-medium tabular-nums">{formatCount(km)} km</span> : null}
        {minutes !== null ? <span className="text-xs text-slate-500 dark:text-slate-400">in {formatDuration(minutes * 60)}</span> : null}
        {kmh !== null ? <span className="mt-1 rounded-full bg-red-100 px-2 py-0.5 text-xs font-semibold text-red-800 tabular-nums dark:bg-red-900/40 dark:text-red-200">{formatCount(kmh)} km/h</span> : null}
      </div>
      <PlaceCard label="To" place={to} />
    </figure>
  );
}
