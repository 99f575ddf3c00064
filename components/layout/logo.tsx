export function Logo({ isCompact = false }: Readonly<{ isCompact?: boolean }>) {
  return (
    <span className="inline-flex items-center gap-2 font-semibold tracking-tight">
      <svg viewBox="0 0 24 24" className="size-7 text-brand-600" aria-hidden>
        <path fill="currentColor" d="M12 2 3 6v6c0 5 3.8 9.4 9 10 5.2-.6 9-5 9-10V6l-9-4Zm0 4.2a3.8 3.8 0 1 1 0 7.6 3.8 3.8 0 0 1 0-7.6Zm0 1.8a2 2 0 1 0 0 4 2 2 0 0 0 0-4Z" />
      </svg>
      {isCompact ? null : <span className="text-lg">Watchpost</span>}
    </span>
  );
}
