export type TDownload = Readonly<{ filename: string; contentType: string; body: ReadableStream<Uint8Array> }>;

/** A streamed file as a download: an attachment, never cached, never sniffed as another type. */
export const downloadResponse = (file: TDownload): Response =>
  new Response(file.body, {
    headers: {
      "content-type": file.contentType,
      "content-disposition": `attachment; filename="${file.filename}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
