// Extension-host test of the shared archive: with corroborate.archive.url set, a draft is checked
// against the archive (an article only the archive holds supports it) combined with the local corpus
// (an article only the workspace's corpus holds supports another claim), the server stopped makes the
// extension check against the local corpus and say so, and it reconnects by itself once the server
// is back. scripts/test-host.mjs starts the archive (CORROBORATE_TEST_ARCHIVE, PGPASSWORD).
// (Runs after the crash test and before the workflow tests; the setting is cleared after.)
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { waitFor, ours, setSetting } from './helpers';

interface Api { engineState(): string; archiveState(): { state?: string; message?: string; lastVia?: string } }
const archive = process.env.CORROBORATE_TEST_ARCHIVE ? JSON.parse(process.env.CORROBORATE_TEST_ARCHIVE) as { url: string; dataDir: string; script: string } : undefined;
const code = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code);
const CLAIM = 'The harbour authority approved a new ferry terminal in Port Ellis on Tuesday.';
// Backed by the workspace's own corpus (corpus/budget.md), which the archive does not hold.
const LOCAL_CLAIM = 'Finance Minister Anton Siluanov said on Friday that defence spending would reach 10.8 trillion roubles next year.';

suite('Corroborate with a shared archive', function () {
  this.timeout(120000);

  test('checks against the archive, falls back to the local corpus while it is down, and comes back by itself', async function () {
    if (!archive) this.skip();
    const ext = vscode.extensions.all.find((e) => e.packageJSON.name === 'corroborate')!;
    await ext.activate();
    const api = ext.exports as Api;
    const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
    const file = path.join(folder, 'drafts', 'harbour.md');
    await fs.writeFile(file, `# Harbour\n\n${CLAIM}\n\n${LOCAL_CLAIM}\n`);
    const uri = vscode.Uri.file(file);
    // A finding whose evidence is the archive's article (it lies outside the workspace).
    const fromArchive = (d: vscode.Diagnostic) => (d.relatedInformation ?? []).some((r) => r.location.uri.fsPath.endsWith('harbour.md') && !r.location.uri.fsPath.startsWith(folder));
    try {
      await setSetting('archive.url', archive!.url);
      await waitFor(() => api.archiveState().state === 'connected' && api.engineState() === 'ready', 'the archive connected', 60000);
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      // Supported by the archive's article (the local corpus has no such article).
      await waitFor(() => ours(uri).some((d) => code(d) === 'supported' && fromArchive(d)), 'the claim supported from the archive');
      assert.equal(api.archiveState().lastVia, 'archive');
      // The local corpus combines with the archive: the claim only corpus/budget.md backs is supported too.
      const fromLocal = (d: vscode.Diagnostic) => (d.relatedInformation ?? []).some((r) => r.location.uri.fsPath === path.join(folder, 'corpus', 'budget.md'));
      await waitFor(() => ours(uri).some((d) => code(d) === 'supported' && fromLocal(d)), 'the claim supported from the local corpus while the archive is connected');

      // The server goes away: the next check with new words falls back to the local corpus, visibly.
      execFileSync(process.execPath, [archive!.script, 'stop', '--data', archive!.dataDir]);
      await editor.edit((b) => b.insert(editor.document.lineAt(editor.document.lineCount - 1).range.end, '\nThe new terminal will open to passengers in the spring of 2031.\n'));
      await waitFor(() => api.archiveState().state === 'unavailable' && api.archiveState().lastVia === 'local', 'the fallback to the local corpus', 30000);
      assert.ok(api.archiveState().message, 'with a reason');
      await waitFor(() => ours(uri).length > 0 && !ours(uri).some(fromArchive), 'findings from the local corpus only');

      // Back: it reconnects by itself and checks against the archive again.
      execFileSync(process.execPath, [archive!.script, 'start', '--data', archive!.dataDir]);
      await waitFor(() => api.archiveState().state === 'connected', 'the reconnection', 90000);
      await waitFor(() => api.archiveState().lastVia === 'archive' && ours(uri).some((d) => code(d) === 'supported' && fromArchive(d)), 'checked against the archive again', 30000);
    } finally {
      await setSetting('archive.url', undefined);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await fs.rm(file, { force: true });
      await waitFor(() => api.archiveState().state === undefined && api.engineState() === 'ready', 'back to the local corpus alone', 60000);
    }
  });
});
