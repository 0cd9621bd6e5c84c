/** Writes docs/data-dictionary.md from the view model's descriptors (npm run dictionary). */
import { writeFileSync } from 'node:fs';
import { dataDictionaryPath, dataDictionaryText } from '../src/forms/data-dictionary-doc.js';

writeFileSync(dataDictionaryPath(), dataDictionaryText());
console.log(`已写出 ${dataDictionaryPath()}`);
