// The status bar item: the active draft's counts by verdict; a click runs Check Claims.
import * as vscode from 'vscode';
import { CommandIds } from './commandIds';
import { statusText, ENGINE_RESTARTED } from './statusText';
import type { FindingStore } from './findingStore';
import type { EngineService } from './engineService';
import type { DraftDiagnostics } from './diagnostics';

export function registerStatusBar(store: FindingStore, engine: EngineService, drafts: DraftDiagnostics): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('corroborate.status', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Corroborate';
  item.command = CommandIds.checkClaims;
  // While a report preview or a panel has the focus (no active text editor), the item keeps showing
  // the draft last active; another kind of file in the editor hides it.
  let last: vscode.TextDocument | undefined;
  const update = () => {
    const active = vscode.window.activeTextEditor?.document;
    if (active) last = drafts.isDraft(active) ? active : undefined;
    const doc = active ?? (last && !last.isClosed ? last : undefined);
    if (!doc || !drafts.isDraft(doc)) { item.hide(); return; }
    // While a crashed engine restarts, the draft's last findings stay (checks wait for it).
    const { text, tooltip } = statusText(engine.state === 'ready' || engine.state === 'restarting' ? store.get(doc) : undefined, engine.state, engine.archive);
    item.text = text;
    item.tooltip = tooltip;
    item.show();
  };
  update();
  return vscode.Disposable.from(
    item,
    vscode.window.onDidChangeActiveTextEditor(update),
    store.onDidChange(update),
    engine.onDidChange(update),
    // Said once, for every editor, not only drafts.
    engine.onDidRestart(() => vscode.window.setStatusBarMessage(ENGINE_RESTARTED, 10_000)),
  );
}
