import { AppError } from "../../shared/errors";

export const MAX_BODY_BYTES = 1_000_000;

const tooLarge = () => new AppError("payload_too_large", "Request body is too large (1 MB at most)");

/** Reads at most `maxBytes` and stops there: a huge body is refused without being buffered (null). */
export const readLimitedBodyText = async (req: Request, maxBytes: number): Promise<string | null> => {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes) return null;
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
};

const readBodyText = async (req: Request): Promise<string> => {
  const text = await readLimitedBodyText(req, MAX_BODY_BYTES);
  if (text === null) throw tooLarge();
  return text;
};

/** The JSON body of a request ({} when empty); 400 when it is not JSON, 413 above MAX_BODY_BYTES. */
export const readJsonBody = async (req: Request): Promise<unknown> => {
  const text = await readBodyText(req);
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "Request body is not valid JSON");
  }
};

