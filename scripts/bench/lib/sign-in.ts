// Signs a portal user in the way the login form does (next-auth's csrf + credentials endpoints), for benchmarks
// that drive the real server over HTTP. Returns the Cookie header that carries the session.

const cookiesOf = (response: Response): string[] => response.headers.getSetCookie().map((c) => c.split(";")[0] ?? "").filter(Boolean);

/** The `Cookie` header value of a signed-in session; throws when the sign-in is refused. */
export const signInPortalUser = async (baseUrl: string, email: string, password: string): Promise<string> => {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = cookiesOf(csrf);
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; "), origin: baseUrl },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  const session = cookiesOf(response).find((c) => c.startsWith("next-auth.session-token="));
  if (!session) throw new Error(`sign-in of ${email} refused: HTTP ${response.status}`);
  return session;
};
