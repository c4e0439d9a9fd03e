// The desk's decisions about a workspace's drafts, kept in committable files beside them:
// .corroborate/checked.json (claims checked by hand) and .corroborate/ignore.json (names not to
// report). Read at start and whenever they change; a malformed file is reported once and ignored
// (and never written over); bad entries are reported and kept. The logic is in core/workflow/checked.ts.
import * as vscode from 'vscode';
import type { Finding } from '../core/types';
import {
  CHECKED_PATH, IGNORE_PATH, applyDecisions, checkedClaim, ignoreName, markChecked, parseChecked, parseIgnore,
  serialiseChecked, serialiseIgnore, unmarkChecked, sentenceHash, sentenceAround, localDate,
  type CheckedClaim, type CheckedFile, type IgnoreFile, type IgnoredName,
} from '../core/workflow/checked';

interface FolderDecisions {
  checked: { file?: CheckedFile; entries: CheckedClaim[]; exists: boolean };
  ignore: { file?: IgnoreFile; entries: IgnoredName[]; exists: boolean };
}

export class Decisions implements vscode.Disposable {
  private readonly byFolder = new Map<string, FolderDecisions>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly reported = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(private readonly log: vscode.OutputChannel) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/.corroborate/{checked,ignore}.json');
    const reload = (uri: vscode.Uri) => { const f = vscode.workspace.getWorkspaceFolder(uri); if (f) void this.load(f).then(() => this.changed.fire()); };
    this.disposables.push(watcher, watcher.onDidChange(reload), watcher.onDidCreate(reload), watcher.onDidDelete(reload),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.loadAll()));
  }

  /** Reads every workspace folder's files; resolves when done. */
  async loadAll(): Promise<void> {
    this.byFolder.clear();
    await Promise.all((vscode.workspace.workspaceFolders ?? []).map((f) => this.load(f)));
    this.changed.fire();
  }

  private async load(folder: vscode.WorkspaceFolder): Promise<void> {
    const read = async (rel: string) => {
      try { return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, rel))); } catch { return undefined; }
    };
    const [c, i] = await Promise.all([read(CHECKED_PATH), read(IGNORE_PATH)]);
    const checked = c === undefined ? { entries: [], exists: false } : { ...parseChecked(c), exists: true };
    const ignore = i === undefined ? { entries: [], exists: false } : { ...parseIgnore(i), exists: true };
    this.report(folder, CHECKED_PATH, 'problems' in checked ? checked.problems : []);
    this.report(folder, IGNORE_PATH, 'problems' in ignore ? ignore.problems : []);
    this.byFolder.set(folder.uri.toString(), { checked, ignore });
  }

  private report(folder: vscode.WorkspaceFolder, rel: string, problems: string[]): void {
    for (const p of problems) {
      const key = `${folder.uri}|${rel}|${p}`;
      if (this.reported.has(key)) continue;
      this.reported.add(key);
      this.log.appendLine(`[decisions] ${rel}: ${p}`);
    }
    if (problems.length && !this.reported.has(`${folder.uri}|${rel}|shown`)) {
      this.reported.add(`${folder.uri}|${rel}|shown`);
      void vscode.window.showWarningMessage(`Corroborate: ${rel} has ${problems.length} problem${problems.length === 1 ? '' : 's'} (${problems[0]}); the rest of it applies. Details in the Output panel.`);
    }
  }

  private of(uri: vscode.Uri): { folder?: vscode.WorkspaceFolder; d?: FolderDecisions } {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return { folder, d: folder ? this.byFolder.get(folder.uri.toString()) : undefined };
  }

  /** A draft's findings with its folder's decisions applied (see applyDecisions). */
  apply(uri: vscode.Uri, text: string, findings: Finding[]): Finding[] {
    const { d } = this.of(uri);
    return d ? applyDecisions(text, findings, d.checked.entries, d.ignore.entries) : findings;
  }

  /** Marks a claim of `text` (the draft at `uri`) as checked by hand; resolves with the entry written. */
  async markChecked(uri: vscode.Uri, text: string, finding: Finding, note?: string): Promise<CheckedClaim | undefined> {
    const { folder, d } = this.of(uri);
    if (!folder || !d) { void vscode.window.showInformationMessage('Corroborate: claims can be marked as checked in a draft inside the open folder.'); return undefined; }
    if (d.checked.exists && !d.checked.file) return this.refuse(CHECKED_PATH);
    const entry = checkedClaim(text, finding, { ...(note ? { note } : {}) });
    const file = markChecked(d.checked.file, entry);
    await this.write(folder, CHECKED_PATH, serialiseChecked(file));
    d.checked = { ...parseChecked(serialiseChecked(file)), exists: true };
    this.changed.fire();
    return entry;
  }

  async unmarkChecked(uri: vscode.Uri, text: string, finding: Finding): Promise<void> {
    const { folder, d } = this.of(uri);
    if (!folder || !d?.checked.file) return;
    const file = unmarkChecked(d.checked.file, { text: finding.text, sentenceHash: sentenceHash(sentenceAround(text, finding.start, finding.end).text) });
    await this.write(folder, CHECKED_PATH, serialiseChecked(file));
    d.checked = { ...parseChecked(serialiseChecked(file)), exists: true };
    this.changed.fire();
  }

  async ignoreName(uri: vscode.Uri, finding: Finding): Promise<void> {
    const { folder, d } = this.of(uri);
    if (!folder || !d) { void vscode.window.showInformationMessage('Corroborate: names can be ignored in a draft inside the open folder.'); return; }
    if (d.ignore.exists && !d.ignore.file) { this.refuse(IGNORE_PATH); return; }
    const file = ignoreName(d.ignore.file, { name: finding.entity ?? finding.text, date: localDate(new Date()) });
    await this.write(folder, IGNORE_PATH, serialiseIgnore(file));
    d.ignore = { ...parseIgnore(serialiseIgnore(file)), exists: true };
    this.changed.fire();
  }

  private refuse(rel: string): undefined {
    void vscode.window.showErrorMessage(`Corroborate: ${rel} cannot be read as it stands, so it is not written over. Fix or remove it first (see the Output panel).`);
    return undefined;
  }

  private async write(folder: vscode.WorkspaceFolder, rel: string, content: string): Promise<void> {
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(folder.uri, '.corroborate'));
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder.uri, rel), new TextEncoder().encode(content));
  }

  dispose(): void { for (const d of this.disposables) d.dispose(); }
}
