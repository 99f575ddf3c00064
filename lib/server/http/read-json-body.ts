import { AppError } from "../../shared/errors";
import { readCappedText } from "../../shared/read-capped-text";

export const MAX_BODY_BYTES = 1_000_000;

const tooLarge = () => new AppError("payload_too_large", "Request body is too large (1 MB at most)");

/** Reads at most `maxBytes` and stops there: a huge body is refused without being buffered (null). */
export const readLimitedBodyText = (req: Request, maxBytes: number): Promise<string | null> =>
  readCappedText(req.body, req.headers.get("content-length"), maxBytes);

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

