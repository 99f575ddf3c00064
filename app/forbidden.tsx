import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="flex min-h-[60vh] flex-col items-center justify-center gap-3 p-8 text-center">
      <p className="text-sm font-semibold text-red-600">403</p>
      <h1 className="text-2xl font-semibold">You do not have access to this page</h1>
      <p className="max-w-md text-sm text-slate-500">Your role does not allow it. Ask a Watchpost admin if you need access.</p>
      <Link href="/" className="text-sm text-brand-600 underline dark:text-sky-300">
        Back to the dashboard
      </Link>
    </main>
  );
}
