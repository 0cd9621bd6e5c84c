/**
 * Edits of the XML that docx writes, for what docx cannot set. Each edit expects docx's output to hold
 * its pattern; a docx release that writes the part differently fails the render loudly instead of
 * writing a document without the edit.
 */

export class XmlEditError extends Error {
  /** Without a pattern: docx did not write the part at all. */
  constructor(part: string, pattern?: string) {
    const what =
      pattern === undefined ? `docx 没有生成 ${part}` : `docx 生成的 ${part} 中没有预期的 ${pattern}`;
    super(`DOCX 生成失败：${what}（docx 版本与 jixiao 适配的不同？请在 jixiao 目录运行 npm ci）`);
    this.name = 'XmlEditError';
  }
}

/** `xml` with the first match of `pattern` replaced; throws XmlEditError when there is none. */
export function editXml(xml: string, part: string, pattern: string | RegExp, replacement: string): string {
  const found = typeof pattern === 'string' ? xml.includes(pattern) : new RegExp(pattern.source).test(xml);
  if (!found) throw new XmlEditError(part, String(pattern));
  return xml.replace(pattern, replacement);
}
