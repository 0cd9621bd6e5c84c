import type { YAMLMap } from 'yaml';
import type { ImportParts } from './parts.js';
import { map, seq, yamlText } from './yaml-out.js';

export interface WrittenFile {
  name: string;
  text: string;
}

/** The unit folder's files: unit.yaml always, and one file per list the sheets gave. */
export function unitFiles(parts: ImportParts, source: string): WrittenFile[] {
  const header = (what: string) => [
    `${what}：由 jixiao import 从 ${source} 导入；每个值后的注释是它所在的单元格。`,
    '合计、执行率和得分不导入，由 jixiao 计算；导入后请运行 jixiao check 核对。',
  ];
  const files: WrittenFile[] = [];
  const unit = map([...parts.unit].map(([k, v]): [string, unknown] => [k, v.node]));
  files.push({ name: 'unit.yaml', text: yamlText(header('单位信息（unit）'), map([['unit', unit]])) });
  const list = (
    name: string,
    key: string,
    what: string,
    items: YAMLMap[],
    wrap?: (s: unknown) => unknown,
  ) => {
    if (items.length === 0) return;
    const value = seq(items);
    files.push({ name, text: yamlText(header(what), map([[key, wrap ? wrap(value) : value]])) });
  };
  list('projects.yaml', 'projects', '项目（projects）', parts.projects);
  list('tasks.yaml', 'tasks', '年度主要任务（tasks）', parts.tasks);
  list('goals.yaml', 'goals', '整体绩效目标（goals）', parts.goals, (annual) => map([['annual', annual]]));
  list('indicators.yaml', 'indicators', '部门整体绩效指标（indicators）', parts.indicators);
  return files;
}
