// ANY /api/* that no route handler serves – 404 problem+json (public, no data)
import { problemResponse } from "@/lib/server/http/problem";

// Without this, Next answers an unknown API path with its HTML 404 page: unreadable for API clients, and under
// the static CSP (proxy.ts gives nonces to pages only, not to /api), so that page's scripts would be refused.
const notFound = () => problemResponse({ code: "not_found", detail: "No such API endpoint" });

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
