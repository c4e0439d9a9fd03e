// Extension-host tests of the desk's workflow: quiet defaults, the claims view, Check Workspace,
// the source's figure inline, coverage in the status bar, and focus mode while typing.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DRAFT, waitFor, ours, openDraft, hoverText } from './helpers';

const code = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code);

interface Api {
  claimsTree(): { label: string; description?: string; children: { label: string; description?: string; tooltip?: string }[] }[];
  heldByFocus(uri: string): number;
  claimsFilter(groups?: string[]): Promise<string[]>;
}
/** The workspace folder VS Code has open (a copy of the fixture workspace). */
const folder = () => vscode.workspace.workspaceFolders![0].uri.fsPath;
const api = () => vscode.extensions.all.find((e) => e.packageJSON.name === 'corroborate')!.exports as Api;

suite('Corroborate for a desk: claims view, Check Workspace, quiet typing', function () {
  this.timeout(90000);
  let editor: vscode.TextEditor;
  let uri: vscode.Uri;

  suiteSetup(async () => {
    editor = await openDraft();
    uri = editor.document.uri;
    await waitFor(() => ours(uri).some((d) => code(d) === 'contradicted'), 'the draft checked');
  });

  test('supported claims are quiet hints; related information quotes the passage', () => {
    const d = ours(uri);
    const supported = d.find((x) => code(x) === 'supported');
    assert.ok(supported, 'a supported claim');
    assert.equal(supported!.severity, vscode.DiagnosticSeverity.Hint);
    const contradicted = d.find((x) => code(x) === 'contradicted')!;
    assert.equal(contradicted.severity, vscode.DiagnosticSeverity.Warning);
    const related = contradicted.relatedInformation![0].message;
    assert.match(related, /^“.*fired two ballistic missiles.*” — /, related);
  });

  test('the claims view lists the draft\'s claims by verdict, worst first, and a click selects the claim', async () => {
    const tree = await waitFor(() => { const t = api().claimsTree(); return t.some((g) => g.label === 'Contradicted') && t; }, 'the claims view');
    const labels = tree.map((g) => g.label);
    assert.ok(labels.indexOf('Contradicted') < labels.indexOf('Supported'), labels.join(', '));
    const contradicted = tree.find((g) => g.label === 'Contradicted')!;
    assert.equal(contradicted.description, String(contradicted.children.length));
    const row = contradicted.children[0];
    assert.match(row.label, /fired three ballistic missiles/);
    assert.match(row.description ?? '', /two/);
    assert.match(row.tooltip ?? '', /fired two ballistic missiles/);
    // A click runs the row's command: the claim is selected in the draft.
    await vscode.window.showTextDocument(vscode.Uri.file(path.join(folder(), '.vscode', 'settings.json')));
    const claim = ours(uri).find((x) => code(x) === 'contradicted')!;
    const doc = editor.document;
    await vscode.commands.executeCommand('corroborate.revealClaim', uri.toString(), doc.offsetAt(claim.range.start), doc.offsetAt(claim.range.end));
    await waitFor(() => vscode.window.activeTextEditor?.document.uri.toString() === uri.toString(), 'the draft shown');
    editor = vscode.window.activeTextEditor!;
    assert.equal(editor.document.getText(editor.selection), editor.document.getText(claim.range));
  });

  test('the claims view filters by verdict', async () => {
    try {
      await api().claimsFilter(['supported']);
      const tree = api().claimsTree();
      assert.deepEqual(tree.map((g) => g.label), ['Supported']);
    } finally {
      await api().claimsFilter(['contradicted', 'misquoted', 'misattributed', 'unverified', 'supported', 'checked']);
    }
    assert.ok(api().claimsTree().some((g) => g.label === 'Contradicted'));
  });

  test('an inlay hint shows the sources\' figure after a contradicted one', async () => {
    const line = editor.document.lineAt(editor.document.getText().split('\n').findIndex((l) => l.includes('fired three')));
    const hints = await waitFor(async () => {
      const h = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', uri, line.range);
      return h?.length ? h : undefined;
    }, 'inlay hints');
    const label = (h: vscode.InlayHint) => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join(''));
    const hint = hints.find((h) => /^two\b/.test(label(h)));
    assert.ok(hint, hints.map(label).join(' | '));
    const before = editor.document.getText(new vscode.Range(line.range.start, hint!.position));
    assert.match(before, /fired three( ballistic missiles)?$/, 'right after the draft\'s figure');
  });

  test('Check Workspace checks drafts that are not open, and no corpus file', async () => {
    const earlier = vscode.Uri.file(path.join(folder(), 'drafts', 'archive', 'earlier.md'));
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.fsPath === earlier.fsPath), 'not open');
    await vscode.commands.executeCommand('corroborate.checkWorkspace');
    const diags = await waitFor(() => { const d = ours(earlier); return d.some((x) => code(x) === 'contradicted') && d; }, 'findings of the unopened draft');
    const c = diags.find((x) => code(x) === 'contradicted')!;
    const text = fs.readFileSync(earlier.fsPath, 'utf8').split('\n');
    assert.match(text[c.range.start.line].slice(c.range.start.character, c.range.end.character), /fired three ballistic missiles/);
    for (const f of ['budget.md', 'broken.txt']) assert.equal(ours(vscode.Uri.file(path.join(folder(), 'corpus', f))).length, 0, `corpus file ${f} not checked`);
    const tree = api().claimsTree();
    assert.ok(tree.length >= 2 && tree.some((n) => /earlier\.md$/.test(n.label)), tree.map((n) => n.label).join(', '));
  });

  test('focus mode: nothing new appears on the line being typed in a long draft until the cursor leaves it', async () => {
    // 2,000 words and about 100 claims: the fixture draft's sentences, repeated.
    const body = fs.readFileSync(DRAFT, 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
    const lines: string[] = ['# A long draft', ''];
    while (lines.join(' ').split(/\s+/).length < 2000) lines.push(...body.map((l) => l), '');
    const file = path.join(folder(), 'drafts', 'long.md');
    fs.writeFileSync(file, lines.join('\n') + '\n');
    const long = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file));
    await waitFor(() => ours(long.document.uri).filter((d) => code(d) !== 'name').length >= 100, 'the long draft checked', 60000);
    const last = long.document.lineCount - 1;
    const typed = 'North Korea fired three ballistic missiles on Wednesday, the military said.';
    long.selection = new vscode.Selection(last, 0, last, 0);
    let sawHeld = false;
    for (const ch of typed) {
      await long.edit((b) => b.insert(long.selection.active, ch), { undoStopBefore: false, undoStopAfter: false });
      await new Promise((r) => setTimeout(r, 25));
      const onLine = ours(long.document.uri).filter((d) => d.range.start.line === last || d.range.end.line === last);
      assert.deepEqual(onLine.map((d) => `${code(d)}:${long.document.getText(d.range)}`), [], `no diagnostic on the line being typed after "${long.document.lineAt(last).text}"`);
      sawHeld ||= api().heldByFocus(long.document.uri.toString()) > 0;
    }
    // Checks of what was typed arrived while typing went on (incremental checks take milliseconds),
    // and focus mode held their findings; once the cursor leaves the line they are shown.
    assert.ok(sawHeld, 'a finding was held back on the typed line');
    long.selection = new vscode.Selection(0, 0, 0, 0);
    await waitFor(() => ours(long.document.uri).some((d) => d.range.start.line === last && code(d) === 'contradicted'), 'the typed claim shown once the cursor left its line');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    fs.rmSync(file, { force: true });
  });
});

suite('Corroborate: suppression comments', function () {
  this.timeout(60000);
  test('a disable-next-line comment hides the next line\'s findings, and removing it brings them back', async () => {
    const editor = await openDraft();
    const uri = editor.document.uri;
    await waitFor(() => ours(uri).some((d) => code(d) === 'contradicted'), 'the draft checked');
    const line = ours(uri).find((d) => code(d) === 'contradicted')!.range.start.line;
    await editor.edit((b) => b.insert(new vscode.Position(line, 0), '<!-- corroborate-disable-next-line -->\n'));
    try {
      await waitFor(() => !ours(uri).some((d) => d.range.start.line === line + 1) && ours(uri).some((d) => code(d) === 'misattributed'), 'the line\'s findings hidden, the rest kept');
    } finally {
      await vscode.commands.executeCommand('undo');
    }
    await waitFor(() => ours(uri).some((d) => code(d) === 'contradicted'), 'back after the comment is removed');
  });
});

suite('Corroborate: Export Report', function () {
  this.timeout(60000);
  test('writes the draft\'s check as Markdown and as the CLI\'s JSON, side by side', async () => {
    const editor = await openDraft();
    await waitFor(() => ours(editor.document.uri).some((d) => code(d) === 'contradicted'), 'the draft checked');
    const target = vscode.Uri.file(path.join(folder(), 'reports', 'summit-report.md'));
    const written = await vscode.commands.executeCommand<vscode.Uri[]>('corroborate.exportReport', { target: target.toString(), scope: 'draft' });
    assert.deepEqual(written.map((u) => path.basename(u.fsPath)), ['summit-report.md', 'summit-report.json']);
    const md = fs.readFileSync(written[0].fsPath, 'utf8');
    assert.match(md, /^# Corroborate report: /);
    assert.match(md, /Contradicted by the sources \(1\)/);
    const json = JSON.parse(fs.readFileSync(written[1].fsPath, 'utf8'));
    assert.equal(json.version, 1);
    assert.equal(json.files.length, 1);
    const verdicts = json.files[0].findings.map((f: { verdict: string }) => f.verdict);
    assert.equal(verdicts.filter((v: string) => v === 'contradicted').length, 1);
    assert.equal(verdicts.filter((v: string) => v === 'misattributed').length, 1);
    assert.equal(editor.document.getText(), fs.readFileSync(DRAFT, 'utf8'), 'the draft is untouched');
  });
});

suite('Corroborate: checked by hand and ignored names', function () {
  this.timeout(60000);
  const checkedFile = () => path.join(folder(), '.corroborate', 'checked.json');
  const ignoreFile = () => path.join(folder(), '.corroborate', 'ignore.json');

  test('a claim marked as checked loses its warning, shows as checked, and an edit of its sentence clears the mark', async () => {
    // A draft inside the workspace folder (the files are kept beside the drafts they are about).
    const file = path.join(folder(), 'drafts', 'checked.md');
    fs.writeFileSync(file, fs.readFileSync(DRAFT, 'utf8'));
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file));
    const uri = editor.document.uri;
    try {
      const claim = await waitFor(() => ours(uri).find((d) => code(d) === 'contradicted'), 'the contradicted claim');
      const doc = editor.document;
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, claim.range);
      const mark = actions.find((a) => a.title === 'Mark as checked by hand');
      assert.ok(mark?.command && !mark.edit, `a quick fix that edits nothing: ${actions.map((a) => a.title).join(', ')}`);
      const before = doc.getText();
      await vscode.commands.executeCommand(mark!.command!.command, { ...mark!.command!.arguments![0], note: 'Confirmed with Yonhap' });
      const stored = JSON.parse(fs.readFileSync(checkedFile(), 'utf8'));
      assert.equal(stored.version, 1);
      assert.equal(stored.claims.length, 1);
      assert.equal(stored.claims[0].verdict, 'contradicted');
      assert.equal(stored.claims[0].note, 'Confirmed with Yonhap');
      assert.match(stored.claims[0].sentenceHash, /^[0-9a-f]{16}$/);
      await waitFor(() => !ours(uri).some((d) => code(d) === 'contradicted'), 'no warning on the checked claim');
      assert.equal(doc.getText(), before, 'the draft is untouched');
      const hover = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, claim.range.start.translate(0, 3));
      assert.match(hoverText(hover), /Checked by hand.*Confirmed with Yonhap/);
      assert.ok(api().claimsTree().some((n) => n.label === 'Checked by hand' || n.children.some((c) => c.label === 'Checked by hand')), 'the claims view has a checked group');
      // Editing the sentence clears the mark by itself.
      const at = doc.getText().indexOf('was in Russia');
      await editor.edit((b) => b.insert(doc.positionAt(at + 'was '.length), 'still '));
      await waitFor(() => ours(uri).some((d) => code(d) === 'contradicted'), 'the warning back after the sentence changed');
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      fs.rmSync(file, { force: true });
      fs.rmSync(checkedFile(), { force: true });
    }
  });

  test('an ignored name is no longer underlined, in any case, and is stored in ignore.json', async () => {
    const file = path.join(folder(), 'drafts', 'ignored.md');
    fs.writeFileSync(file, 'Defence Minister Sergei Shoigu took part in the talks. Later SERGEI SHOIGU left.\n');
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file));
    const uri = editor.document.uri;
    try {
      const name = await waitFor(() => ours(uri).find((d) => code(d) === 'name' && /Shoigu/.test(editor.document.getText(d.range))), 'the name underlined');
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, name.range);
      const ignore = actions.find((a) => /^Ignore the name/.test(a.title));
      assert.ok(ignore?.command, actions.map((a) => a.title).join(', '));
      await vscode.commands.executeCommand(ignore!.command!.command, ...ignore!.command!.arguments!);
      await waitFor(() => !ours(uri).some((d) => code(d) === 'name' && /shoigu/i.test(editor.document.getText(d.range))), 'the name no longer underlined');
      const stored = JSON.parse(fs.readFileSync(ignoreFile(), 'utf8'));
      assert.match(stored.names[0].name, /Shoigu/);
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      fs.rmSync(file, { force: true });
      fs.rmSync(ignoreFile(), { force: true });
    }
  });
});

suite('Corroborate: a saved web page in the corpus', function () {
  this.timeout(60000);
  test('a page saved as .html is read as an article: its names are known and cited with its title', async () => {
    const file = path.join(folder(), 'drafts', 'ferry.md');
    fs.writeFileSync(file, 'Agnes Tulloch said young people would be hit hardest.\n');
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file));
    const uri = editor.document.uri;
    try {
      const name = await waitFor(() => ours(uri).find((d) => code(d) === 'name' && editor.document.getText(d.range) === 'Agnes Tulloch'), 'a name from the saved page');
      const card = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, name.range.start.translate(0, 2)));
      assert.match(card, /Ferry fares to rise by 12% from April/);
      assert.doesNotMatch(card, /dataLayer|Accept all cookies|Most read/, 'no script, banner or sidebar text from the page');
      // Its evidence opens as the article text the corpus read, at the passage's line.
      const related = name.relatedInformation?.[0];
      assert.ok(related && related.location.uri.fsPath.endsWith('ferry-fares.html'), 'evidence from the saved page');
      await vscode.commands.executeCommand('corroborate.openSource', related!.location.uri.fsPath, related!.location.range.start.line + 1);
      const shown = await waitFor(() => { const e = vscode.window.activeTextEditor; return e?.document.uri.scheme === 'corroborate-article' && e; }, 'the article text opened');
      assert.match(shown.document.lineAt(shown.selection.active.line).text, /Agnes Tulloch/);
      assert.doesNotMatch(shown.document.getText(), /<\/?p>|dataLayer/);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await vscode.window.showTextDocument(editor.document);
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      fs.rmSync(file, { force: true });
    }
  });
});
