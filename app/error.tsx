"use client";

export default function ErrorPage({ reset }: Readonly<{ error: Error & { digest?: string }; reset: () => void }>) {
  return (
    <main className="flex min-h-[60vh] flex-col items-center justify-center gap-3 p-8 text-center">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="max-w-md text-sm text-slate-500">The error was logged on the server. Try again; if it persists, check the server logs.</p>
      <button type="button" onClick={reset} className="rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white">
        Try again
      </button>
    </main>
  );
}
