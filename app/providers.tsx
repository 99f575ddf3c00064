"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { SessionProvider } from "next-auth/react";
import { useEffect, useState, type ReactNode } from "react";

const makeQueryClient = () =>
  new QueryClient({ defaultOptions: { queries: { staleTime: 15_000, retry: 1, refetchOnWindowFocus: true } } });

export function Providers({ children }: Readonly<{ children: ReactNode }>) {
  const [queryClient] = useState(makeQueryClient);
  // Next answers some 404s (notFound() in a page, e.g. /setup once set up) with an error shell rendered on the
  // client, where the layout's inline theme script never runs: apply the same choice once React is up.
  useEffect(() => {
    const stored = localStorage.getItem("watchpost-theme");
    if (stored === "dark" || (!stored && matchMedia("(prefers-color-scheme: dark)").matches)) document.documentElement.classList.add("dark");
  }, []);
  return (
    <SessionProvider refetchOnWindowFocus={false}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </SessionProvider>
  );
}
