// "Corroborate: Open Source": opens a corpus source at a line (from hover links), or picks one.
import * as vscode from 'vscode';
import type { EngineService } from '../engineService';
import { plainLabel } from '../markdownSafe';

export async function openSource(engine: EngineService, file?: unknown, line?: unknown): Promise<void> {
  let target = typeof file === 'string' ? file : undefined;
  let at = typeof line === 'number' && line > 0 ? line : 1;
  if (!target) {
    const sources = engine.summary?.sources ?? [];
    const pick = await vscode.window.showQuickPick(
      // Titles, outlets and paths come from the corpus: no icon syntax of theirs is rendered.
      sources.map((s) => ({ label: plainLabel(s.title), description: plainLabel([s.outlet, s.date].filter(Boolean).join(', ')), detail: plainLabel(s.path), s })),
      { placeHolder: 'Open a corpus source', matchOnDescription: true, matchOnDetail: true },
    );
    if (!pick) return;
    target = pick.s.path;
    at = pick.s.lineOffset + 1;
  }
  try {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(target));
    const pos = new vscode.Position(Math.min(at - 1, doc.lineCount - 1), 0);
    await vscode.window.showTextDocument(doc, { selection: new vscode.Range(pos, doc.lineAt(pos.line).range.end), preview: true, viewColumn: vscode.ViewColumn.Beside });
  } catch (e) {
    void vscode.window.showErrorMessage(`Corroborate: cannot open ${target}: ${(e as Error).message}`);
  }
}
