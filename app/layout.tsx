import type { Metadata } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { NONCE_HEADER } from "@/lib/shared/content-security-policy";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Watchpost", template: "%s · Watchpost" },
  description: "Security portal for Atlassian Cloud organizations",
};

// Applies the saved (or system) theme before first paint, so dark mode never flashes white.
const THEME_SCRIPT = `try{var t=localStorage.getItem("watchpost-theme");if(t==="dark"||(!t&&matchMedia("(prefers-color-scheme: dark)").matches))document.documentElement.classList.add("dark")}catch(e){}`;

/**
 * Reading the request's nonce (set by proxy.ts) also renders every page per request, /_not-found included:
 * a prerendered page would carry no nonce, and its scripts would be blocked by the page's CSP.
 */
export default async function RootLayout({ children }: Readonly<{ children: ReactNode }>) {
  const nonce = (await headers()).get(NONCE_HEADER) ?? undefined;
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body className="min-h-screen font-sans">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
