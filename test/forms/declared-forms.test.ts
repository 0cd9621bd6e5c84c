/**
 * Forms as files: a form that exists only as a folder in a project's templates/ (form.yaml + main.hbs,
 * no TypeScript) is listed by `jixiao forms`, chosen by a unit's `forms`, built to DOCX and PDF from the
 * one view model; choosing forms is checked at the line that names them; `forms eject` copies jixiao's
 * files into the project.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fg from 'fast-glob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataDictionaryPath, dataDictionaryText } from '../../src/forms/data-dictionary-doc.js';
import { runCli } from '../helpers/cli.js';
import { docxText } from '../helpers/read-output.js';

const FORM = [
  'form:',
  '  name: 项目卡片',
  '  scope: project',
  '  file_name: "{{year}}年{{unit.name}}{{project.name}}项目卡片"',
  '  orientation: landscape',
  '  requires: [projects]',
  '',
].join('\n');

const TEMPLATE = `<document title="{{form.name}}" date="{{documentDate}}">
  <section paper="{{page.paper}}" orientation="{{page.orientation}}">
    <title>{{project.name}}项目卡片</title>
    <table widths="3 5" header-rows="1">
      <tr><td bold="true">项目</td><td bold="true">数值</td></tr>
      <tr><td>单位</td><td>{{unit.name}}</td></tr>
      <tr><td>年初预算</td><td align="right">{{money project.initialBudget 2}}</td></tr>
      <tr><td>调整后预算</td><td align="right">{{money project.adjustedBudget 2}}</td></tr>
      <tr><td>执行率</td><td align="right">{{percent project.executionRate 1}}</td></tr>
      <tr><td>总分</td><td>{{project.score.total}}</td></tr>
      {{#if project.funds}}{{#each project.funds.rows}}<tr><td>{{source}}</td><td align="right">{{money budget 2}}｜{{money adjustedBudget 2}}｜{{money spending 2}}｜{{percent executionRate 2}}</td></tr>{{/each}}{{/if}}
    </table>
  </section>
</document>
`;

const UNIT = (forms: string) =>
  [
    'unit:',
    '  name: 示例局',
    `  forms: ${forms}`,
    'projects:',
    '  - name: 办公设备购置',
    '    budget: 6.7',
    '    adjustments:',
    '      - { kind: 统筹收回, amount: 0.4 }',
    '      - { kind: 调减, amount: 2.15 }',
    '    spending: { general_budget: 3.80 }',
    '    funds:',
    '      - { source: 当年财政拨款, budget: 6.7, adjusted_budget: 4.15, spending: 3.80 }',
    '  - name: 社区服务',
    '    budget: 10',
    '    spending: { general_budget: 10 }',
    '',
  ].join('\n');

let work: string;
const pdfText = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });

beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'jixiao-forms-'));
  mkdirSync(path.join(work, 'templates/my-pack/project-card'), { recursive: true });
  writeFileSync(path.join(work, 'templates/my-pack/project-card/form.yaml'), FORM);
  writeFileSync(path.join(work, 'templates/my-pack/project-card/main.hbs'), TEMPLATE);
  mkdirSync(path.join(work, 'content/2020/dept'), { recursive: true });
  writeFileSync(path.join(work, 'content/2020/dept/unit.yaml'), UNIT('[my-pack/project-card]'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('a form declared only by files', () => {
  it('is listed by jixiao forms as the project’s own', async () => {
    const r = await runCli(['forms'], work);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /my-pack\/project-card\s+项目卡片（每个项目一份；项目自己的：templates\/my-pack\/project-card）/,
    );
  });

  it('builds one document per project, and only those, with the figures of the view model', async () => {
    const r = await runCli(['build', 'content', '--out', 'out'], work);
    expect(r.code, r.out + r.err).toBe(0);
    const folder = path.join(work, 'out/2020/dept');
    // forms names only the card: none of the default documents.
    expect(r.out).not.toContain('部门预算项目绩效自评表');
    for (const [name, figures] of [
      // 6.7 − 0.4 − 2.15 = 4.15 adjusted; 3.80 ÷ 4.15 = 0.91566… → 91.6%; no indicators under the default
      // rule set: 总分 is the 执行率 score alone, 0.91566… × 10 = 9.1566… → 9.16.
      // Its 项目资金 rows: 当年财政拨款 as typed, 3.80 ÷ 4.15 = 91.57% at 2 decimals; the two sources it did
      // not list print blank.
      [
        '办公设备购置',
        [
          '6.70',
          '4.15',
          '91.6%',
          '9.16',
          '当年财政拨款',
          '6.70｜4.15｜3.80｜91.57%',
          '上年结转资金',
          '｜｜｜',
        ],
      ],
      // 10 ÷ 10 = 100.0%, 10 × 1 = 10.
      ['社区服务', ['10.00', '10.00', '100.0%', '10']],
    ] as const) {
      const base = path.join(folder, `2020年示例局${name}项目卡片`);
      const pdf = pdfText(`${base}.pdf`);
      const docx = docxText(`${base}.docx`);
      for (const text of [pdf, docx]) {
        expect(text).toContain(`${name}项目卡片`);
        expect(text).toContain('示例局');
        for (const f of figures) expect(text).toContain(f);
      }
    }
  });

  it('is checked where a unit names it: unknown names get a did-you-mean, missing content names the part', async () => {
    const unit = path.join(work, 'content/2020/dept/unit.yaml');
    try {
      writeFileSync(unit, UNIT('[my-pack/project-crad, goal-table]'));
      let r = await runCli(['check', 'content'], work);
      expect(r.code).toBe(1);
      expect(r.out).toMatch(
        /unit\.yaml:3:\d+ 错误 找不到文书或区域包“my-pack\/project-crad”。是否应为“my-pack\/project-card”？/,
      );
      // goal-table is one of the default documents: named, it is made when the content allows (no tasks
      // or indicators here, so none, and no error for it).
      writeFileSync(
        path.join(work, 'templates/my-pack/project-card/form.yaml'),
        FORM.replace('requires: [projects]', 'requires: [projects, tasks]'),
      );
      writeFileSync(unit, UNIT('[my-pack/project-card]'));
      r = await runCli(['check', 'content'], work);
      expect(r.code).toBe(1);
      expect(r.out).toMatch(
        /unit\.yaml:3:\d+ 错误 示例局选用了文书“项目卡片”（my-pack\/project-card），但没有填写它所需的内容：年度主要任务（tasks）/,
      );
      // Named through its pack, a form the unit has no content for is simply not made.
      writeFileSync(unit, UNIT('[my-pack]'));
      r = await runCli(['check', 'content'], work);
      expect(r.code, r.out).toBe(0);
      // A form drawn for another rule set, chosen through its pack: told at the line that chose it (the
      // unit is scored under the default shenzhen).
      writeFileSync(
        path.join(work, 'templates/my-pack/project-card/form.yaml'),
        FORM.replace('requires: [projects]', 'requires: [projects]\n  rules: national'),
      );
      r = await runCli(['check', 'content'], work);
      expect(r.code, r.out).toBe(0);
      expect(r.out).toMatch(
        /unit\.yaml:3:\d+ 警告 文书“项目卡片”（my-pack\/project-card）按评分规则 national 打分，而示例局的评分规则是 shenzhen/,
      );
      // Named by a department, a form its sub-unit has no content for is not made for the sub-unit, and
      // no error stops the department.
      writeFileSync(path.join(work, 'templates/my-pack/project-card/form.yaml'), FORM);
      writeFileSync(unit, UNIT('[my-pack/project-card]'));
      mkdirSync(path.join(work, 'content/2020/dept/centre'), { recursive: true });
      writeFileSync(path.join(work, 'content/2020/dept/centre/unit.yaml'), 'unit:\n  name: 示例局下属中心\n');
      r = await runCli(['check', 'content'], work);
      expect(r.code, r.out).toBe(0);
      rmSync(path.join(work, 'content/2020/dept/centre'), { recursive: true });
    } finally {
      writeFileSync(unit, UNIT('[my-pack/project-card]'));
      writeFileSync(path.join(work, 'templates/my-pack/project-card/form.yaml'), FORM);
    }
  });

  it('reads a form.yml too, with a warning, rather than passing it over', async () => {
    const yaml = path.join(work, 'templates/my-pack/project-card/form.yaml');
    const yml = path.join(work, 'templates/my-pack/project-card/form.yml');
    try {
      rmSync(yaml);
      writeFileSync(yml, FORM);
      const r = await runCli(['check', 'content'], work);
      expect(r.code, r.out).toBe(0);
      expect(r.out).toMatch(/templates\/my-pack\/project-card\/form\.yml:1:1 警告 文书声明请使用 form\.yaml/);
      expect((await runCli(['forms'], work)).out).toContain('my-pack/project-card');
    } finally {
      rmSync(yml, { force: true });
      writeFileSync(yaml, FORM);
    }
  });

  it('reports a mistake in form.yaml at its line', async () => {
    const file = path.join(work, 'templates/my-pack/project-card/form.yaml');
    try {
      writeFileSync(file, FORM.replace('scope: project', 'scope: projects'));
      const r = await runCli(['check', 'content'], work);
      expect(r.code).toBe(1);
      expect(r.out).toMatch(/templates\/my-pack\/project-card\/form\.yaml:3:10 错误 文书声明中份数应为 unit/);
      expect(r.out).toMatch(/unit\.yaml:3:\d+ 错误 文书“my-pack\/project-card”的声明.*有错误/);
    } finally {
      writeFileSync(file, FORM);
    }
  });
});

describe('jixiao forms eject', () => {
  const repo = path.resolve(import.meta.dirname, '../..');
  it('copies a form’s files into the project, and keeps an existing copy unless --force', async () => {
    // goal-table is the former name of shenzhen/goal-table: it still ejects it, into the pack's folder.
    let r = await runCli(['forms', 'eject', 'goal-table'], work);
    expect(r.code, r.err).toBe(0);
    const copied = path.join(work, 'templates/shenzhen/goal-table/main.hbs');
    expect(readFileSync(copied, 'utf8')).toBe(
      readFileSync(path.join(repo, 'templates/shenzhen/goal-table/main.hbs'), 'utf8'),
    );
    expect(existsSync(path.join(work, 'templates/shenzhen/goal-table/form.yaml'))).toBe(true);
    writeFileSync(copied, '{{!-- 已修改 --}}');
    r = await runCli(['forms', 'eject', 'shenzhen/goal-table'], work);
    expect(r.code).toBe(1);
    expect(readFileSync(copied, 'utf8')).toBe('{{!-- 已修改 --}}');
    r = await runCli(['forms', 'eject', 'shenzhen/goal-tabel'], work);
    expect(r.code).toBe(2);
    expect(r.err).toContain('是否应为“shenzhen/goal-table”');
    rmSync(path.join(work, 'templates/shenzhen'), { recursive: true });
    expect(existsSync(copied)).toBe(false);
  });

  it('copies the pack’s shared partials a form uses, and the copy builds what jixiao’s builds', async () => {
    const project = mkdtempSync(path.join(os.tmpdir(), 'jixiao-eject-shenzhen-'));
    try {
      cpSync(path.join(repo, 'content/2020'), path.join(project, 'content/2020'), { recursive: true });
      const r = await runCli(
        ['forms', 'eject', 'shenzhen/project-self-evaluation-consolidated', '--json'],
        project,
      );
      expect(r.code, r.err).toBe(0);
      // Its main.hbs uses the header, row and figures partials of templates/shenzhen/ (the row uses figures).
      expect((JSON.parse(r.out) as { written: string[] }).written).toEqual([
        'templates/shenzhen/project-self-evaluation-consolidated',
        'templates/shenzhen/_project-table-figures.hbs',
        'templates/shenzhen/_project-table-header.hbs',
        'templates/shenzhen/_project-table-row.hbs',
      ]);
      const listed = await runCli(['forms'], project);
      expect(listed.out).toMatch(
        /shenzhen\/project-self-evaluation-consolidated\s+部门预算项目绩效自评表（部门汇总一份，默认文书，原名 project-self-evaluation；项目自己的：/,
      );
      expect(listed.out).toMatch(
        /shenzhen\/goal-declaration\s+部门整体支出绩效目标申报表（每个单位一份，默认文书，原名 goal-declaration；jixiao 自带/,
      );
      const header = path.join(project, 'templates/shenzhen/_project-table-header.hbs');
      writeFileSync(header, readFileSync(header, 'utf8').replace('项目年度预算金额', '年度预算（本局）'));
      const built = await runCli(['build', '--only', '汇总', '--format', 'docx', '--out', 'out'], project);
      expect(built.code, built.out + built.err).toBe(0);
      const [file] = fg.sync('**/*（汇总）.docx', { cwd: path.join(project, 'out'), absolute: true });
      const text = docxText(file!);
      expect(text).toContain('年度预算（本局）');
      // Seed 000's 汇总 合计 of 实际支出: 9685.36 本级 + 220.53 网格管理中心 = 9905.89.
      expect(text).toContain('9905.89');
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });
});

describe('the data dictionary', () => {
  it('docs/data-dictionary.md is what the view model declares (npm run dictionary regenerates it)', () => {
    expect(readFileSync(dataDictionaryPath(), 'utf8')).toBe(dataDictionaryText());
  });
});

describe('a shipped pack form with one partial of the project’s own', () => {
  it('uses the project’s partial and jixiao’s form.yaml, main.hbs and other partials', async () => {
    const project = mkdtempSync(path.join(os.tmpdir(), 'jixiao-pack-partial-'));
    try {
      const repo = path.resolve(import.meta.dirname, '../..');
      cpSync(path.join(repo, 'content/2023/sichuan-demo'), path.join(project, 'content/2023/sichuan-demo'), {
        recursive: true,
      });
      // Only the 原因 cell is the project's: a partial of sichuan/project-self-evaluation, no form.yaml.
      const own = path.join(project, 'templates/sichuan/project-self-evaluation');
      mkdirSync(own, { recursive: true });
      writeFileSync(
        path.join(own, '_reason.hbs'),
        '<td rowspan="5" colspan="2" valign="center">本县口径：执行率低于 90% 须说明原因。{{#if executionReason}}<br/>原因：{{executionReason}}{{/if}}</td>\n',
      );
      const r = await runCli(['build', 'content', '--out', 'out', '--format', 'docx'], project);
      expect(r.code, r.out + r.err).toBe(0);
      const docx = docxText(
        path.join(
          project,
          'out/2023/sichuan-demo',
          fg.sync('*城乡低保资金发放*.docx', { cwd: path.join(project, 'out/2023/sichuan-demo') })[0]!,
        ),
      );
      expect(docx).toContain('本县口径：执行率低于 90% 须说明原因。');
      expect(docx).not.toContain('预算执行率 = 预算执行数 ÷ 调整后预算数');
      // The rest is jixiao's: the form's title and its 绩效指标 block.
      expect(docx).toContain('部门预算项目支出绩效自评表');
      expect(docx).toContain('绩效指标（90分）');
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });
});
