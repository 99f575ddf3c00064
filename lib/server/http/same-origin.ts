/**
 * CSRF defence for cookie-authenticated mutations: the browser's Origin (or Sec-Fetch-Site) must say
 * the request comes from this site. Cookies are SameSite=Lax as a second layer.
 */
export const isSameOrigin = (req: Request): boolean => {
  const origin = req.headers.get("origin");
  if (origin) {
    const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
    try {
      return new URL(origin).host === host;
    } catch {
      return false;
    }
  }
  const site = req.headers.get("sec-fetch-site");
  return site === null || site === "same-origin" || site === "none";
};
