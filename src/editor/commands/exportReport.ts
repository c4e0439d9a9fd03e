// "Corroborate: Export Report": writes the check of the active draft, or of every checked draft, as
// Markdown (the Check Claims report) and as JSON (the CLI's --format json), side by side. The user
// picks the Markdown file's place; the JSON file takes the same name with ".json". A draft is never
// written over.
import * as vscode from 'vscode';
import * as path from 'node:path';
import { renderReport } from '../report';
import { jsonReport } from '../../core/report/json';
import type { Finding } from '../../core/types';
import type { EngineService } from '../engineService';
import type { FindingStore } from '../findingStore';

/** Arguments for scripted use (tests, keybindings): where to write and what. */
export interface ExportOptions { target?: string; scope?: 'draft' | 'workspace' }

export async function exportReport(store: FindingStore, engine: EngineService, options?: unknown): Promise<vscode.Uri[] | undefined> {
  const opts: ExportOptions = options && typeof options === 'object' ? options as ExportOptions : {};
  const active = vscode.window.activeTextEditor?.document;
  const activeFindings = active ? store.get(active) : undefined;
  const all = store.all();
  if (!all.length) { void vscode.window.showInformationMessage('Corroborate: nothing checked yet. Open a draft or run "Corroborate: Check Workspace" first.'); return undefined; }
  let scope = opts.scope;
  if (!scope) {
    if (activeFindings && all.length > 1) {
      const pick = await vscode.window.showQuickPick([
        { label: `This draft (${path.basename(active!.fileName)})`, scope: 'draft' as const },
        { label: `All checked drafts (${all.length})`, scope: 'workspace' as const },
      ], { title: 'Corroborate: export the report of…' });
      if (!pick) return undefined;
      scope = pick.scope;
    } else scope = activeFindings ? 'draft' : 'workspace';
  }
  const files: { uri: vscode.Uri; findings: Finding[] }[] = scope === 'draft' && active && activeFindings
    ? [{ uri: active.uri, findings: activeFindings }]
    : all.map(({ uri, findings }) => ({ uri, findings })).sort((a, b) => a.uri.fsPath.localeCompare(b.uri.fsPath));
  const base = scope === 'draft' ? path.basename(files[0].uri.fsPath).replace(/\.[^.]+$/, '') : 'workspace';
  const folder = vscode.workspace.getWorkspaceFolder(files[0].uri)?.uri ?? vscode.Uri.file(path.dirname(files[0].uri.fsPath));
  let target = typeof opts.target === 'string' ? vscode.Uri.parse(opts.target) : undefined;
  target ??= await vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.joinPath(folder, `${base}.corroborate-report.md`),
    filters: { Markdown: ['md'] }, title: 'Corroborate: export report',
  });
  if (!target) return undefined;
  const md = target.fsPath.endsWith('.md') ? target : target.with({ path: target.path + '.md' });
  const json = md.with({ path: md.path.replace(/\.md$/, '.json') });
  const drafts = new Set(all.map((f) => f.uri.toString()));
  if (drafts.has(md.toString()) || drafts.has(json.toString())) {
    void vscode.window.showErrorMessage('Corroborate: the report would overwrite a draft; choose another name.');
    return undefined;
  }
  const sources = engine.summary?.sources.length ?? 0;
  const checkedAt = new Date();
  const markdown = files.map((f) => renderReport(f.findings, { fileName: vscode.workspace.asRelativePath(f.uri), sources, checkedAt })).join('\n\n---\n\n');
  const report = jsonReport(files.map((f) => ({ path: vscode.workspace.asRelativePath(f.uri), findings: f.findings })), sources);
  await vscode.workspace.fs.writeFile(md, new TextEncoder().encode(markdown.endsWith('\n') ? markdown : markdown + '\n'));
  await vscode.workspace.fs.writeFile(json, new TextEncoder().encode(JSON.stringify(report, null, 1) + '\n'));
  if (!opts.target) {
    void vscode.window.showInformationMessage(`Corroborate: report written to ${vscode.workspace.asRelativePath(md)} and ${path.basename(json.fsPath)}.`, 'Open').then((a) => {
      if (a === 'Open') void vscode.commands.executeCommand('markdown.showPreview', md);
    });
  }
  return [md, json];
}
