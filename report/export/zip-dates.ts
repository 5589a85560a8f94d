/**
 * Sets every entry's modification time in a ZIP file (XLSX is a ZIP) to one instant. The zip
 * library stamps entries with the wall clock; fixing them to the report's generation time makes an
 * XLSX of the same data byte-identical. Only the DOS time/date fields of the local headers and the
 * central directory are rewritten; they are outside the CRCs and the compressed data.
 */
const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function dosDateTime(at: Date): { time: number; date: number } {
  const year = Math.min(2107, Math.max(1980, at.getUTCFullYear()));
  return {
    time: (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | Math.floor(at.getUTCSeconds() / 2),
    date: ((year - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate(),
  };
}

export function setZipEntryDates(zip: Buffer, at: Date): Buffer {
  const out = Buffer.from(zip);
  // The end-of-central-directory record is in the last 22 + 65535 bytes (its comment is at most 64 KiB).
  let eocd = -1;
  for (let i = out.length - 22; i >= Math.max(0, out.length - 22 - 0xffff); i -= 1) {
    if (out.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a ZIP file: no end of central directory');
  const entries = out.readUInt16LE(eocd + 10);
  let p = out.readUInt32LE(eocd + 16);
  const { time, date } = dosDateTime(at);
  for (let n = 0; n < entries; n += 1) {
    if (out.readUInt32LE(p) !== CENTRAL) throw new Error('ZIP central directory is damaged');
    out.writeUInt16LE(time, p + 12);
    out.writeUInt16LE(date, p + 14);
    const local = out.readUInt32LE(p + 42);
    if (out.readUInt32LE(local) !== LOCAL) throw new Error('ZIP local header is damaged');
    out.writeUInt16LE(time, local + 10);
    out.writeUInt16LE(date, local + 12);
    p += 46 + out.readUInt16LE(p + 28) + out.readUInt16LE(p + 30) + out.readUInt16LE(p + 32);
  }
  return out;
}
