// Stands for "this site" when no origin is known: only a URL that stays on it is a same-origin path.
const THIS_SITE = "http://watchpost.invalid";

/**
 * Where to go after sign-in: a path on this site, or "/". The URL is resolved the way a browser resolves
 * it, so "//evil.example", "/\evil.example" (browsers read the backslash as a slash), "https://evil.example"
 * and "javascript:" all land on "/". `origin` lets an absolute URL of the site itself through.
 */
export const safeCallbackPath = (raw: string | null | undefined, origin: string = THIS_SITE): string => {
  if (!raw) return "/";
  try {
    const base = new URL(origin);
    const url = new URL(raw, base);
    if (url.origin !== base.origin) return "/";
    const path = `${url.pathname}${url.search}${url.hash}`;
    // "/.//evil.example" normalises to "//evil.example", which a browser would read as another host.
    return path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\") ? path : "/";
  } catch {
    return "/";
  }
};
