import type { Findings, SourcePosition } from '../diagnostics/finding.js';
import type { DataPath } from '../load/locate.js';

/** What a computation needs to report a failed check at the value it concerns. */
export interface CheckContext {
  findings: Findings;
  at(path: DataPath): SourcePosition | undefined;
}
