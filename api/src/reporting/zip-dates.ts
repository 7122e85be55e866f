// A workbook (.xlsx) is a zip file whose entries carry the time they were written (exceljs gives no way to set
// it), so two renders of the same release a few seconds apart differ in those bytes alone. A stored board pack
// must be the same file however often it is rendered: every entry is dated at one given moment instead. Only
// the date fields change; the entries' contents and checksums are untouched.

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_HEADER = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

/** The MS-DOS time and date of a zip entry (two-second steps, from 1980), in UTC so every server agrees. */
function dosDateTime(date: Date): { time: number; day: number } {
  const year = Math.min(Math.max(date.getUTCFullYear(), 1980), 2107);
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2),
    day: ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  };
}

/** A copy of the zip file with every entry's modification time set to `date`. */
export function withZipEntriesDated(zip: Buffer, date: Date): Buffer {
  const out = Buffer.from(zip);
  // The end record is the last 22 bytes, or earlier by the length of a trailing comment.
  let end = -1;
  for (let at = out.length - 22; at >= Math.max(0, out.length - 22 - 0xffff); at--) {
    if (out.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY) { end = at; break; }
  }
  if (end < 0) throw new Error('not a zip file: no end of central directory');
  const { time, day } = dosDateTime(date);
  const entries = out.readUInt16LE(end + 10);
  let at = out.readUInt32LE(end + 16);
  for (let i = 0; i < entries; i++) {
    if (out.readUInt32LE(at) !== CENTRAL_HEADER) throw new Error(`not a zip file: entry ${i + 1} of the central directory is damaged`);
    out.writeUInt16LE(time, at + 12);
    out.writeUInt16LE(day, at + 14);
    const local = out.readUInt32LE(at + 42);
    if (out.readUInt32LE(local) !== LOCAL_HEADER) throw new Error(`not a zip file: entry ${i + 1} has no local header`);
    out.writeUInt16LE(time, local + 10);
    out.writeUInt16LE(day, local + 12);
    at += 46 + out.readUInt16LE(at + 28) + out.readUInt16LE(at + 30) + out.readUInt16LE(at + 32);
  }
  return out;
}
