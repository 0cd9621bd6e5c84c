import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { reproducibleDocx } from '../../src/output/reproducible.js';
import { XmlEditError } from '../../src/output/xml-edit.js';
import { zipFiles } from '../../src/output/zip.js';
import { requireTool } from '../helpers/read-output.js';

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

  it('compresses text', () => {
    expect(zip.length).toBeLessThan(noise.length + 2000);
    const method = (name: string) => zip.readUInt16LE(zip.indexOf(Buffer.from(name)) - 22);
    expect(method('word/document.xml')).toBe(8);
  });

  it('records each file’s CRC-32 and the given time', () => {
    // The central directory's record (its name 46 bytes in), which readers trust over the local header.
    const name = Buffer.from('word/document.xml');
    const at = zip.indexOf(name, zip.indexOf(name) + name.length) - 46;
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    expect(zip.readUInt32LE(at + 16)).toBe(crc32(entries[1]!.data));
    expect(zip.readUInt16LE(at + 12)).toBe((9 << 11) | (30 << 5) | 6);
    expect(zip.readUInt16LE(at + 14)).toBe(((2024 - 1980) << 9) | (5 << 5) | 17);
  });

  it('is read by a standard unzip, every entry intact (unzip -t)', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'jixiao-zip-'));
    const file = path.join(dir, 'a.zip');
    writeFileSync(file, zip);
    const out = execFileSync(requireTool('unzip'), ['-t', file], { encoding: 'utf8' });
    expect(out).toContain('No errors detected');
  });

  it('writes the same bytes for the same files', () => {
    expect(zipFiles(entries, when).equals(zip)).toBe(true);
  });
});

describe('the DOCX package', () => {
  const core = (created: string) =>
    `<cp:coreProperties><dcterms:created xsi:type="dcterms:W3CDTF">${created}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${created}</dcterms:modified></cp:coreProperties>`;
  const date = new Date('2021-03-04T05:06:08Z');

  it('has the same bytes whenever it is made, whatever the clock said', () => {
    const parts = (now: string) =>
      new Map<string, string>([
        ['word/document.xml', '<w:document/>'],
        ['docProps/core.xml', core(now)],
        ['[Content_Types].xml', '<Types/>'],
      ]);
    const a = reproducibleDocx(parts('2025-01-01T10:00:00Z'), date);
    const b = reproducibleDocx(parts('2026-07-08T11:12:13Z'), date);
    expect(a.equals(b)).toBe(true);
    const files = unzipSync(a);
    expect(Object.keys(files)).toEqual(['[Content_Types].xml', 'docProps/core.xml', 'word/document.xml']);
    expect(new TextDecoder().decode(files['docProps/core.xml'])).toBe(core('2021-03-04T05:06:08Z'));
  });

  it('fails loudly when docx writes core.xml without the dates it rewrites', () => {
    const parts = new Map([
      ['docProps/core.xml', '<cp:coreProperties><dcterms:created/></cp:coreProperties>'],
    ]);
    expect(() => reproducibleDocx(parts, date)).toThrow(XmlEditError);
    expect(() => reproducibleDocx(new Map([['word/document.xml', '<w:document/>']]), date)).toThrow(
      /docx 没有生成 docProps\/core.xml/,
    );
  });
});
