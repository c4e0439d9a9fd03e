// "Corroborate: Check Claims": checks the active draft now and opens the report beside it.
import * as vscode from 'vscode';
import * as path from 'node:path';
import { renderReport } from '../report';
import type { DraftDiagnostics } from '../diagnostics';
import type { EngineService } from '../engineService';
import type { ReportDocuments } from '../reportDocuments';

export async function checkClaims(drafts: DraftDiagnostics, engine: EngineService, reports: ReportDocuments): Promise<vscode.TextDocument | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) { void vscode.window.showInformationMessage('Corroborate: open a draft to check its claims.'); return undefined; }
  const doc = editor.document;
  if (!drafts.isDraft(doc)) {
    void vscode.window.showInformationMessage(`Corroborate checks ${doc.languageId === 'markdown' ? 'drafts' : `languages listed in corroborate.languages (this is ${doc.languageId})`}.`);
    return undefined;
  }
  const findings = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Corroborate: checking claims' }, () => drafts.checkNow(doc));
  if (!findings) return undefined;
  const md = renderReport(findings, { fileName: path.basename(doc.fileName), sources: engine.summary?.sources.length ?? 0, checkedAt: new Date() });
  return reports.show(path.basename(doc.fileName), md);
}
