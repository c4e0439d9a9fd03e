// Quick fixes from the engine's fixes: the source's figure, wording or speaker. One edit each,
// applied only when the user picks it (so it is a single undoable step).
import * as vscode from 'vscode';
import { FindingStore, rangeOf } from './findingStore';
import { CommandIds } from './commandIds';

export function registerCodeActions(store: FindingStore, selector: () => vscode.DocumentSelector): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider(selector(), {
    provideCodeActions(doc, range, context) {
      const actions: vscode.CodeAction[] = [];
      const a = doc.offsetAt(range.start), b = doc.offsetAt(range.end);
      for (const f of store.get(doc) ?? []) {
        if (f.end < a || f.start > b) continue;
        // Decisions that write .corroborate/*.json, never the draft.
        const arg = { uri: doc.uri.toString(), start: f.start, end: f.end };
        const decide = (title: string, command: string) => {
          const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
          action.command = { command, title, arguments: [arg] };
          actions.push(action);
        };
        if (f.kind === 'name') decide(`Ignore the name "${f.entity ?? f.text}" in this workspace`, CommandIds.ignoreName);
        else if (f.checked) decide('Remove the checked-by-hand mark', CommandIds.unmarkChecked);
        else decide('Mark as checked by hand', CommandIds.markChecked);
        if (!f.fixes.length) continue;
        const diag = context.diagnostics.find((d) => d.source === 'corroborate' && d.range.isEqual(rangeOf(doc, f.start, f.end)));
        f.fixes.forEach((fix, i) => {
          const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
          action.edit = new vscode.WorkspaceEdit();
          action.edit.replace(doc.uri, rangeOf(doc, fix.start, fix.end), fix.replacement);
          if (diag) action.diagnostics = [diag];
          action.isPreferred = i === 0;
          actions.push(action);
        });
      }
      return actions;
    },
  }, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] });
}
