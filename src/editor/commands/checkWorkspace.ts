// "Corroborate: Check Workspace": checks every draft matching corroborate.drafts.include/exclude
// (never the corpus folders) with a cancellable progress notification; open drafts are checked as
// they stand in the editor, the rest from disk. Findings fill the Problems panel and the claims view.
import * as vscode from 'vscode';
import { draftBytes, draftSizeProblem } from '../../core/analysis/limits';
import { excludeWithCorpus, joinGlobs } from '../../core/draftFiles';
import type { Settings } from '../settings';
import type { DraftDiagnostics } from '../diagnostics';
import type { EngineService } from '../engineService';

export interface WorkspaceCheck { checked: number; skipped: { uri: vscode.Uri; why: string }[]; cancelled: boolean }

/** The drafts Check Workspace would check, sorted by path. */
export async function workspaceDrafts(settings: Settings, token?: vscode.CancellationToken): Promise<vscode.Uri[]> {
  const found = new Map<string, vscode.Uri>();
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const exclude = joinGlobs(excludeWithCorpus(settings['drafts.exclude'], settings['corpus.paths'], folder.uri.fsPath));
    for (const glob of settings['drafts.include']) {
      const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, glob), exclude ? new vscode.RelativePattern(folder, exclude) : undefined, undefined, token);
      for (const u of uris) found.set(u.toString(), u);
    }
  }
  return [...found.values()].sort((a, b) => a.fsPath.localeCompare(b.fsPath));
}

export async function checkWorkspace(settings: Settings, drafts: DraftDiagnostics, engine: EngineService): Promise<WorkspaceCheck | undefined> {
  if (!vscode.workspace.workspaceFolders?.length) {
    void vscode.window.showInformationMessage('Corroborate: open a folder to check its drafts.');
    return undefined;
  }
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Corroborate: checking the workspace', cancellable: true }, async (progress, token) => {
    const uris = await workspaceDrafts(settings, token);
    const out: WorkspaceCheck = { checked: 0, skipped: [], cancelled: false };
    for (const [i, uri] of uris.entries()) {
      if (token.isCancellationRequested) { out.cancelled = true; break; }
      progress.report({ message: `${i + 1} of ${uris.length}: ${vscode.workspace.asRelativePath(uri)}`, increment: 100 / uris.length });
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      try {
        if (open && drafts.isDraft(open)) {
          if (await drafts.checkNow(open, false)) out.checked++;
          continue;
        }
        const bytes = await vscode.workspace.fs.readFile(uri);
        const tooLarge = draftSizeProblem(bytes.byteLength);
        if (tooLarge) { out.skipped.push({ uri, why: tooLarge }); continue; }
        const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        if (draftSizeProblem(draftBytes(text)) || /\u0000/.test(text)) { out.skipped.push({ uri, why: 'not a text file' }); continue; }
        const findings = await engine.check(text, uri.toString());
        engine.forget(uri.toString()); // not open: no incremental checks follow
        drafts.publishUnopened(uri, text, findings);
        out.checked++;
      } catch (e) {
        out.skipped.push({ uri, why: e instanceof TypeError ? 'not valid UTF-8 text' : (e as Error).message });
      }
    }
    return out;
  });
  const skipped = result.skipped.length ? `; ${result.skipped.length} skipped (${vscode.workspace.asRelativePath(result.skipped[0].uri)}: ${result.skipped[0].why}${result.skipped.length > 1 ? ', …' : ''})` : '';
  void vscode.window.showInformationMessage(`Corroborate: ${result.cancelled ? 'stopped after checking' : 'checked'} ${result.checked} draft${result.checked === 1 ? '' : 's'}${skipped}. See the Claims view and the Problems panel.`);
  return result;
}
