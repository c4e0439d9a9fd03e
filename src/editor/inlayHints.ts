// Registers the inlay hints of inlayModel.ts for drafts with findings (corroborate.inlayHints.sourceFigures).
import * as vscode from 'vscode';
import type { FindingStore } from './findingStore';
import type { Settings } from './settings';
import { sourceFigureHints } from './inlayModel';

export function registerInlayHints(store: FindingStore, selector: () => vscode.DocumentSelector, settings: () => Settings): vscode.Disposable {
  const changed = new vscode.EventEmitter<void>();
  const provider: vscode.InlayHintsProvider = {
    onDidChangeInlayHints: changed.event,
    provideInlayHints(doc, range) {
      if (!settings()['inlayHints.sourceFigures']) return [];
      const hints: vscode.InlayHint[] = [];
      for (const h of sourceFigureHints(store.get(doc) ?? [])) {
        const pos = doc.positionAt(h.offset);
        if (!range.contains(pos)) continue;
        const hint = new vscode.InlayHint(pos, h.label, vscode.InlayHintKind.Parameter);
        hint.paddingLeft = true;
        hint.tooltip = h.tooltip;
        hints.push(hint);
      }
      return hints;
    },
  };
  return vscode.Disposable.from(
    changed,
    vscode.languages.registerInlayHintsProvider(selector(), provider),
    store.onDidChange(() => changed.fire()),
    vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('corroborate.inlayHints')) changed.fire(); }),
  );
}
