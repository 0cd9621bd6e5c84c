import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dictionaryMarkdown } from './dictionary.js';
import { TEMPLATE_DATA } from './model.js';

const INTRO = `<!-- 本文件由 npm run dictionary 根据 src/forms/model.ts 生成，请勿手工修改。 -->
# 文书数据字典

用文件夹声明的文书（\`templates/<区域包>/<文书>/form.yaml\` 和 \`main.hbs\`）的模板只能读到下列数据。所有合计、比率、
得分都已算好，模板只负责排版：金额是精确的十进制数（万元），用 \`{{money 名称 2}}\` 按两位小数印出；比率是精确的小数
（如 0.9999），用 \`{{percent 名称 1}}\` 印成 100.0%；内容中没有的数字是空的（印出来是空白），不是 0。
写法见 [templates.md](templates.md)，改版式的步骤见 [forms.md](forms.md)。
`;

/** docs/data-dictionary.md in the repository. */
export function dataDictionaryPath(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/data-dictionary.md');
}

export function dataDictionaryText(): string {
  return dictionaryMarkdown(TEMPLATE_DATA, INTRO);
}
