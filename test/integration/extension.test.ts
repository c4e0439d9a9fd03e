// Extension-host tests: the real VS Code API, a fixture workspace (debounce 0), polling.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { DRAFT, waitFor, ours, openDraft, setSetting, hoverText, plainText } from './helpers';

const code = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code);

suite('Corroborate in VS Code', function () {
  this.timeout(60000);
  let editor: vscode.TextEditor;
  let uri: vscode.Uri;
  const textOf = (d: vscode.Diagnostic) => editor.document.getText(d.range);

  suiteSetup(async () => {
    editor = await openDraft();
    uri = editor.document.uri;
  });

  test('activates on a draft and underlines names and claims with their verdicts', async () => {
    const ext = vscode.extensions.all.find((e) => e.packageJSON.name === 'corroborate');
    assert.ok(ext, 'extension is installed');
    await waitFor(() => ext!.isActive, 'activation');
    const diags = await waitFor(() => { const d = ours(uri); return d.some((x) => code(x) === 'contradicted') && d; }, 'diagnostics');
    const contradicted = diags.find((d) => code(d) === 'contradicted')!;
    assert.match(textOf(contradicted), /fired three ballistic missiles/);
    assert.equal(contradicted.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(contradicted.message, /two/);
    const mis = diags.find((d) => code(d) === 'misattributed')!;
    assert.equal(textOf(mis), 'We will always be with Russia');
    assert.ok(diags.some((d) => code(d) === 'supported' && /armoured train/.test(textOf(d))));
    const putin = diags.find((d) => code(d) === 'name' && textOf(d) === 'Vladimir Putin');
    assert.ok(putin, 'name Vladimir Putin underlined');
    assert.equal(putin!.severity, vscode.DiagnosticSeverity.Hint);
    assert.ok(contradicted.relatedInformation?.length, 'evidence linked as related information');
  });

  test('loads the user corpus folder and reports the broken file without stopping', async () => {
    const diags = await waitFor(() => { const d = ours(uri); return d.some((x) => code(x) === 'name' && textOf(x) === 'Anton Siluanov') && d; }, 'a name from the user corpus');
    assert.ok(diags.length);
    const api = vscode.extensions.all.find((e) => e.packageJSON.name === 'corroborate')!.exports as { problems(): { path: string; message: string }[] };
    const problems = api.problems();
    assert.ok(problems.some((p) => p.path.endsWith('broken.txt') && /binary/.test(p.message)), JSON.stringify(problems));
  });

  test('hover cards show the source quote and title, for a name and for a contradicted claim', async () => {
    const d = ours(uri);
    const hoverAt = async (range: vscode.Range, offset: number) => plainText(hoverText(
      await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, range.start.translate(0, offset))));

    const putin = d.find((x) => code(x) === 'name' && textOf(x) === 'Vladimir Putin')!;
    const putinCard = await hoverAt(putin.range, 2);
    assert.match(putinCard, /Vladimir Putin/);
    assert.match(putinCard, /Mentioned in [23] sources/);

    const shoigu = d.find((x) => code(x) === 'name' && /Sergei Shoigu/.test(textOf(x)));
    assert.ok(shoigu, `Sergei Shoigu underlined as a name: ${d.map((x) => `${code(x)}:${textOf(x)}`).join(' | ')}`);
    const shoiguCard = await hoverAt(shoigu!.range, 2);
    assert.match(shoiguCard, /Sergei Shoigu/);
    assert.match(shoiguCard, /Defence Minister/i, 'the role the sources give');

    const claim = d.find((x) => code(x) === 'contradicted')!;
    const claimCard = await hoverAt(claim.range, 3);
    assert.match(claimCard, /Contradicted/);
    // The source's own sentence and the article's title, from either seed that reports the launch.
    assert.match(claimCard, /fired two ballistic missiles on Wednesday, the South Korean military said/);
    assert.match(claimCard, /President Vladimir Putin shook hands with North Korean leader Kim Jong Un|Both leaders affirmed historical ties between Moscow and Pyongyang/);
    assert.match(hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, claim.range.start.translate(0, 3))), /command:corroborate\.openSource/);

    const nothing = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(0, 2));
    assert.doesNotMatch(plainText(hoverText(nothing)), /Contradicted|Known name/, 'no card on the headline');
  });

  test('offers a quick fix that changes only the wrong figure, undoably', async () => {
    const before = editor.document.getText();
    const claim = ours(uri).find((x) => code(x) === 'contradicted')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, claim.range);
    const fix = actions.find((a) => /two/.test(a.title));
    assert.ok(fix?.edit, `quick fix offered: ${actions.map((a) => a.title).join(', ')}`);
    assert.equal(editor.document.getText(), before, 'nothing changes until the fix is applied');
    await vscode.workspace.applyEdit(fix!.edit!);
    const after = editor.document.getText();
    assert.equal(after, before.replace('fired three ballistic', 'fired two ballistic'));
    await vscode.commands.executeCommand('undo');
    await waitFor(() => editor.document.getText() === before, 'undo restores the draft');
  });

  test('Check Claims opens a report of every claim with its verdict', async () => {
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('corroborate.checkClaims');
    const report = await waitFor(() => vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'corroborate-report' && d.getText().startsWith('# Corroborate report')), 'the report');
    assert.equal(report.languageId, 'markdown');
    assert.equal(report.uri.path, '/Corroborate report - summit.md', 'the tab title names the draft once, with one ".md"');
    // The report breaks would-be links in file names with an invisible word joiner (".md" is a
    // country's domain, which Markdown previews would turn into a link); a reader sees "summit.md".
    const text = report.getText().replace(/\u2060/g, '');
    // Back to the draft before asserting, so that a failure here leaves the next test's editor active.
    await vscode.window.showTextDocument(editor.document);
    assert.match(text, /Contradicted by the sources \(1\)/);
    assert.match(text, /Misattributed \(1\)/);
    assert.match(text, /summit\\\.md|summit\.md/);
  });

  test('Reload Corpus keeps the findings', async () => {
    const before = ours(uri).length;
    await vscode.commands.executeCommand('corroborate.reloadCorpus');
    await waitFor(() => ours(uri).some((x) => code(x) === 'contradicted') && ours(uri).length === before, 'the same findings after a reload');
  });

  test('editing the draft updates the findings', async () => {
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    await editor.edit((b) => b.insert(end, '\n\nThe talks lasted around three hours before the official dinner.\n'));
    await waitFor(() => ours(uri).filter((x) => code(x) === 'contradicted').length === 2, 'a second contradiction after the edit');
    await vscode.commands.executeCommand('undo');
    await waitFor(() => ours(uri).filter((x) => code(x) === 'contradicted').length === 1, 'back to one after undo');
  });

  test('settings take effect without a reload: severity, seeds, languages', async () => {
    try {
      await setSetting('severity.contradicted', 'error');
      await waitFor(() => ours(uri).some((x) => code(x) === 'contradicted' && x.severity === vscode.DiagnosticSeverity.Error), 'contradicted as error');
      await setSetting('corpus.includeSeeds', false);
      await waitFor(() => { const d = ours(uri); return !d.some((x) => textOf(x) === 'Vladimir Putin') && d.some((x) => textOf(x) === 'Anton Siluanov'); }, 'seed names gone, user corpus kept');
      await setSetting('corpus.includeSeeds', undefined);
      await waitFor(() => ours(uri).some((x) => textOf(x) === 'Vladimir Putin'), 'seed names back');
      await setSetting('languages', ['plaintext']);
      await waitFor(() => ours(uri).length === 0, 'markdown no longer checked');
    } finally {
      await setSetting('severity.contradicted', undefined);
      await setSetting('corpus.includeSeeds', undefined);
      await setSetting('languages', undefined);
    }
    await waitFor(() => ours(uri).some((x) => code(x) === 'contradicted' && x.severity === vscode.DiagnosticSeverity.Warning), 'defaults restored');
  });

  test('closing the draft clears its findings', async () => {
    await vscode.window.showTextDocument(editor.document);
    // Close every editor (the report is read-only, the draft is back to its saved text).
    while (vscode.window.visibleTextEditors.length) await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitFor(() => ours(vscode.Uri.file(DRAFT)).length === 0, 'diagnostics cleared after close', 30000);
  });
});
