import { crc32 } from "node:zlib";

export type TZipEntry = { path: string; content: Buffer };

// A fixed timestamp (2026-01-01 00:00) so the same entries always make the same archive bytes.
const DOS_TIME = 0;
const DOS_DATE = ((2026 - 1980) << 9) | (1 << 5) | 1;

/** The fields local and central headers share, in the same layout: flags, method, time, date, CRC, sizes, name length. */
const writeCommon = (header: Buffer, at: number, checksum: number, size: number, nameLength: number): void => {
  header.writeUInt16LE(0x0800, at); // UTF-8 names
  header.writeUInt16LE(0, at + 2); // stored
  header.writeUInt16LE(DOS_TIME, at + 4);
  header.writeUInt16LE(DOS_DATE, at + 6);
  header.writeUInt32LE(checksum, at + 8);
  header.writeUInt32LE(size, at + 12);
  header.writeUInt32LE(size, at + 16);
  header.writeUInt16LE(nameLength, at + 20);
};

/** A zip archive of stored (uncompressed) entries: enough for real unzip tools, and byte-for-byte stable. */
export const buildZip = (entries: readonly TZipEntry[]): Buffer => {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.path, "utf8");
    const checksum = crc32(entry.content);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    writeCommon(local, 6, checksum, entry.content.length, name.length);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    writeCommon(central, 8, checksum, entry.content.length, name.length);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, entry.content);
    centrals.push(central, name);
    offset += local.length + name.length + entry.content.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
};
