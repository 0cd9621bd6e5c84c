/**
 * A zip archive of in-memory files, as a DOCX package needs it: DEFLATE by Node's own zlib (several
 * times faster than a JavaScript deflate and a little smaller), entries in the order given, one fixed
 * time for all of them, no extra fields — so the bytes depend on the files alone.
 */
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  data: Uint8Array;
}

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
/** Version needed to extract: 2.0 (DEFLATE). Bit 11 of the flags: names are UTF-8. */
const VERSION = 20;
const UTF8 = 0x0800;

/** MS-DOS time and date fields of a wall-clock time (the zip format's resolution is two seconds). */
function dosTime(date: Date): { time: number; day: number } {
  return {
    time: (date.getHours() << 11) | (date.getMinutes() << 5) | (date.getSeconds() >> 1),
    day: ((date.getFullYear() - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate(),
  };
}

export function zipFiles(entries: ZipEntry[], mtime: Date): Buffer {
  const { time, day } = dosTime(mtime);
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const packed = deflateRawSync(entry.data, { level: 6 });
    // Data that does not shrink is stored as it is.
    const method = packed.length < entry.data.length ? 8 : 0;
    const body = method === 8 ? packed : Buffer.from(entry.data);
    const crc = crc32(entry.data);
    // The local header and the central directory record share these fields, in this order.
    const fields = (record: Buffer, at: number) => {
      record.writeUInt16LE(VERSION, at);
      record.writeUInt16LE(UTF8, at + 2);
      record.writeUInt16LE(method, at + 4);
      record.writeUInt16LE(time, at + 6);
      record.writeUInt16LE(day, at + 8);
      record.writeUInt32LE(crc, at + 10);
      record.writeUInt32LE(body.length, at + 14);
      record.writeUInt32LE(entry.data.length, at + 18);
      record.writeUInt16LE(name.length, at + 22);
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL, 0);
    fields(local, 4);
    const head = Buffer.alloc(46);
    head.writeUInt32LE(CENTRAL, 0);
    head.writeUInt16LE(VERSION, 4);
    fields(head, 6);
    head.writeUInt32LE(offset, 42);
    chunks.push(local, name, body);
    central.push(head, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, directory, end]);
}
