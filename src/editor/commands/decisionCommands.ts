// Mark as Checked / Remove Checked Mark / Ignore Name: from a quick fix ({ uri, start, end } of a
// finding) or from a claims-view row. They write .corroborate/*.json (see decisions.ts), never the draft.
import * as vscode from 'vscode';
import type { Finding } from '../../core/types';
import type { Decisions } from '../decisions';
import type { FindingStore } from '../findingStore';

/** A finding named by a command's argument, with the draft's text it was found in. */
export function findingOf(store: FindingStore, arg: unknown): { uri: vscode.Uri; text: string; finding: Finding } | undefined {
  const a = arg as { uri?: unknown; start?: unknown; end?: unknown; finding?: Finding } | undefined;
  if (!a || (typeof a.uri !== 'string' && !(a.uri instanceof vscode.Uri))) return undefined;
  const uri = typeof a.uri === 'string' ? vscode.Uri.parse(a.uri) : a.uri;
  const start = a.finding?.start ?? a.start, end = a.finding?.end ?? a.end;
  if (typeof start !== 'number' || typeof end !== 'number') return undefined;
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  const entry = store.all().find((e) => e.uri.toString() === uri.toString());
  const findings = doc ? store.get(doc) : entry?.findings;
  const text = doc ? doc.getText() : entry?.text;
  const finding = findings?.find((f) => f.start === start && f.end === end && (!a.finding || f.kind === a.finding.kind));
  return finding && text !== undefined ? { uri, text, finding } : undefined;
}

export function registerDecisionCommands(store: FindingStore, decisions: Decisions, ids: { markChecked: string; unmarkChecked: string; ignoreName: string }): vscode.Disposable {
  const gone = () => { void vscode.window.showInformationMessage('Corroborate: that finding has changed since; check the draft again.'); return undefined; };
  return vscode.Disposable.from(
    vscode.commands.registerCommand(ids.markChecked, async (arg: unknown) => {
      const it = findingOf(store, arg);
      if (!it || it.finding.kind === 'name') return gone();
      let note = (arg as { note?: unknown }).note;
      if (note === undefined) {
        note = await vscode.window.showInputBox({ title: 'Corroborate: mark as checked by hand', prompt: 'A note for the desk (optional): who confirmed it, how', placeHolder: 'Confirmed with the agency by phone' });
        if (note === undefined) return undefined; // Escape: nothing marked
      }
      return decisions.markChecked(it.uri, it.text, it.finding, typeof note === 'string' && note.trim() ? note.trim() : undefined);
    }),
    vscode.commands.registerCommand(ids.unmarkChecked, async (arg: unknown) => {
      const it = findingOf(store, arg);
      if (!it) return gone();
      return decisions.unmarkChecked(it.uri, it.text, it.finding);
    }),
    vscode.commands.registerCommand(ids.ignoreName, async (arg: unknown) => {
      const it = findingOf(store, arg);
      if (!it || it.finding.kind !== 'name') return gone();
      return decisions.ignoreName(it.uri, it.finding);
    }),
  );
}
