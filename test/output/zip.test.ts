import { randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { zipFiles } from '../../src/output/zip.js';

const text = (s: string) => Buffer.from(s, 'utf8');
const when = new Date(2024, 4, 17, 9, 30, 12);

describe('the DOCX zip writer', () => {
  const noise = randomBytes(4096);
  const entries = [
    { name: '[Content_Types].xml', data: text('<Types/>'.repeat(200)) },
    { name: 'word/document.xml', data: text('<w:t>部门整体支出绩效目标表</w:t>'.repeat(500)) },
    { name: 'word/media/随机.bin', data: noise },
    { name: 'empty.xml', data: new Uint8Array(0) },
  ];
  const zip = zipFiles(entries, when);

  it('gives back every file, in order, with UTF-8 names, whether deflated or stored', () => {
    const files = unzipSync(zip);
    expect(Object.keys(files)).toEqual(entries.map((e) => e.name));
    for (const e of entries) expect(Buffer.from(files[e.name]!).equals(Buffer.from(e.data))).toBe(true);
  });

  it('compresses text and stores what does not shrink', () => {
    expect(zip.length).toBeLessThan(noise.length + 2000);
    const method = (name: string) => zip.readUInt16LE(zip.indexOf(Buffer.from(name)) - 22);
    expect(method('word/document.xml')).toBe(8);
    expect(method('word/media/随机.bin')).toBe(0);
  });

  it('records each file’s CRC-32 and the given time', () => {
    const at = zip.indexOf(Buffer.from('word/document.xml')) - 30;
    expect(zip.readUInt32LE(at + 14)).toBe(crc32(entries[1]!.data));
    expect(zip.readUInt16LE(at + 10)).toBe((9 << 11) | (30 << 5) | 6);
    expect(zip.readUInt16LE(at + 12)).toBe(((2024 - 1980) << 9) | (5 << 5) | 17);
  });

  it('writes the same bytes for the same files', () => {
    expect(zipFiles(entries, when).equals(zip)).toBe(true);
  });
});
