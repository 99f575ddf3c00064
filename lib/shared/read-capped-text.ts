/**
 * Reads a body as UTF-8 text, giving up past `maxBytes` (declared by Content-Length or counted while
 * streaming): the stream is cancelled and null returned, so a huge body is never buffered whole.
 */
export const readCappedText = async (
  body: ReadableStream<Uint8Array> | null,
  declaredLength: string | null,
  maxBytes: number,
): Promise<string | null> => {
  const declared = Number(declaredLength ?? "0");
  if (Number.isFinite(declared) && declared > maxBytes) {
    await body?.cancel().catch(() => undefined);
    return null;
  }
  if (!body) return "";
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let size = 0;
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
};
