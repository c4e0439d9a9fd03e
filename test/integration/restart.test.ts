// Extension-host test of the extension's own faults: the engine worker is killed as a crash would
// kill it; the extension restarts it with the corpus and the draft keeps its findings meanwhile.
// (Named to run after extension.test.ts: the suite runs its files in name order.)
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { waitFor, ours, openDraft } from './helpers';

const code = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code);
interface Api { engineState(): string; simulateEngineCrash(): Promise<void> }

suite('Corroborate after an engine crash', function () {
  this.timeout(60000);

  test('restarts the engine with the corpus, keeping the findings meanwhile', async () => {
    const editor = await openDraft();
    const uri = editor.document.uri;
    const ext = vscode.extensions.all.find((e) => e.packageJSON.name === 'corroborate')!;
    await waitFor(() => ext.isActive, 'activation');
    const api = ext.exports as Api;
    await waitFor(() => api.engineState() === 'ready' && ours(uri).some((d) => code(d) === 'contradicted'), 'findings before the crash');
    const before = ours(uri).map((d) => `${code(d)}:${editor.document.getText(d.range)}`).sort();

    await api.simulateEngineCrash();
    assert.ok(['restarting', 'ready'].includes(api.engineState()), api.engineState());
    assert.deepEqual(ours(uri).map((d) => `${code(d)}:${editor.document.getText(d.range)}`).sort(), before, 'the last findings stay while it restarts');
    await waitFor(() => api.engineState() === 'ready', 'the engine back');

    // The new engine checks edits against the reloaded corpus.
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    await editor.edit((b) => b.insert(end, '\n\nThe talks lasted around three hours before the official dinner.\n'));
    await waitFor(() => ours(uri).filter((x) => code(x) === 'contradicted').length === 2, 'a new contradiction found by the restarted engine');
    await vscode.commands.executeCommand('undo');
    await waitFor(() => ours(uri).filter((x) => code(x) === 'contradicted').length === 1, 'back to one after undo');
  });
});
