import path from 'node:path';
import type { ComputedUnit } from '../compute/unit.js';
import type { Finding, Findings } from '../diagnostics/finding.js';
import type { ResolvedFonts } from '../fonts/resolve.js';
import { type PendingOutput, writeOutputs } from '../output/atomic.js';
import { renderDocx, renderPdf, renderTemplateToDocument, TemplateError } from '../render/index.js';
import { type CheckedContent, checkContent } from './check-content.js';
import { planDocuments } from './plan-documents.js';

export type OutputFormat = 'docx' | 'pdf';

export interface BuildOptions {
  contentDir: string;
  outDir: string;
  formats: OutputFormat[];
  /** Keeps only units or documents whose id, name or document title contains one of these words. */
  only: string[];
  fonts: ResolvedFonts;
  /** Project templates/ folder that overrides jixiao's own, when present. */
  templateDirs: string[];
  cwd: string;
}

export interface BuiltFile {
  unit: string;
  kind: string;
  file: string;
}

export interface BuildResult {
  checked: CheckedContent;
  findings: Findings;
  written: BuiltFile[];
  /** True when content errors stopped the build before anything was rendered. */
  stopped: boolean;
}

/** Where a unit's documents go: output/<year>/<unit folders…>/. */
export function unitOutputDir(outDir: string, unit: ComputedUnit): string {
  return path.join(outDir, ...unit.id.split('/'));
}

/**
 * check → view → template → intermediate document → DOCX/PDF → output/, written only when everything
 * rendered: content errors or a template error write nothing and leave earlier outputs as they were.
 */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const checked = await checkContent(options.contentDir, options.cwd);
  const findings = checked.findings;
  if (findings.errorCount > 0) return { checked, findings, written: [], stopped: true };
  const pending: PendingOutput[] = [];
  const written: BuiltFile[] = [];
  for (const planned of planDocuments(checked, options.only)) {
    let doc: ReturnType<typeof renderTemplateToDocument>;
    try {
      doc = renderTemplateToDocument(planned.kind.template, planned.context, {
        templateDirs: options.templateDirs,
      });
    } catch (error) {
      if (error instanceof TemplateError) {
        findings.add(error.finding as Finding);
        continue;
      }
      throw error;
    }
    const base = path.join(unitOutputDir(options.outDir, planned.unit), planned.fileName);
    for (const format of options.formats) {
      const file = `${base}.${format}`;
      pending.push({
        file,
        data: () =>
          format === 'docx'
            ? renderDocx(doc, { fonts: options.fonts })
            : renderPdf(doc, { fonts: options.fonts }),
      });
      written.push({ unit: planned.unit.id, kind: planned.kind.id, file });
    }
  }
  if (findings.errorCount > 0) return { checked, findings, written: [], stopped: true };
  await writeOutputs(pending);
  return { checked, findings, written, stopped: false };
}
