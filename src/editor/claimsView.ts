// The claims view: each checked draft's claims grouped by verdict (worst first) with counts, the
// reason as description and the evidence in the tooltip; a click reveals the claim in its draft.
// The view only converts: grouping and wording are in claimsModel.ts.
import * as vscode from 'vscode';
import type { Finding } from '../core/types';
import { CommandIds } from './commandIds';
import type { FindingStore } from './findingStore';
import { CLAIM_GROUPS, GROUP_LABEL, claimDescription, claimLabel, claimTooltip, groupClaims, groupSummary, type ClaimGroup, type ClaimGroupId } from './claimsModel';

export const CLAIMS_VIEW = 'corroborate.claims';
const FILTER_KEY = 'corroborate.claimsFilter';

type Node =
  | { type: 'file'; uri: vscode.Uri; groups: ClaimGroup[] }
  | { type: 'group'; uri: vscode.Uri; group: ClaimGroup }
  | { type: 'claim'; uri: vscode.Uri; finding: Finding; group: ClaimGroupId };

const GROUP_ICON: Record<ClaimGroupId, [string, string | undefined]> = {
  contradicted: ['error', 'problemsErrorIcon.foreground'],
  misquoted: ['quote', 'problemsWarningIcon.foreground'],
  misattributed: ['person', 'problemsWarningIcon.foreground'],
  unverified: ['question', undefined],
  supported: ['pass', 'testing.iconPassed'],
  checked: ['check-all', undefined],
};

export class ClaimsView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: vscode.TreeView<Node>;
  private readonly disposables: vscode.Disposable[] = [];
  private shown: Set<ClaimGroupId>;

  constructor(private readonly store: FindingStore, private readonly memento: vscode.Memento, private readonly isChecked: (uri: vscode.Uri, f: Finding) => boolean = (_uri, f) => !!f.checked) {
    const saved = memento.get<string[]>(FILTER_KEY);
    this.shown = new Set((saved ?? CLAIM_GROUPS).filter((g): g is ClaimGroupId => (CLAIM_GROUPS as readonly string[]).includes(g)));
    this.view = vscode.window.createTreeView(CLAIMS_VIEW, { treeDataProvider: this, showCollapseAll: true });
    this.disposables.push(
      this.view, this.changed,
      store.onDidChange(() => this.refresh()),
      vscode.commands.registerCommand(CommandIds.filterClaims, () => this.pickFilter()),
      vscode.commands.registerCommand(CommandIds.revealClaim, (uri: unknown, start: unknown, end: unknown) => revealClaim(uri, start, end)),
    );
    this.updateMessage();
  }

  refresh(): void { this.updateMessage(); this.changed.fire(undefined); }

  /** The verdict groups shown (for tests and the filter). */
  get filter(): ClaimGroupId[] { return CLAIM_GROUPS.filter((g) => this.shown.has(g)); }

  async setFilter(groups: ClaimGroupId[]): Promise<void> {
    this.shown = new Set(groups);
    await this.memento.update(FILTER_KEY, groups.length === CLAIM_GROUPS.length ? undefined : groups);
    this.refresh();
  }

  private async pickFilter(): Promise<void> {
    const picked = await vscode.window.showQuickPick(
      CLAIM_GROUPS.map((id) => ({ label: GROUP_LABEL[id], id, picked: this.shown.has(id) })),
      { canPickMany: true, title: 'Corroborate: show claims that are…' });
    if (picked) await this.setFilter(picked.map((p) => p.id));
  }

  private files(): Extract<Node, { type: 'file' }>[] {
    return this.store.all()
      .map(({ uri, findings }) => ({ type: 'file' as const, uri, groups: groupClaims(findings, this.shown, (f) => this.isChecked(uri, f)) }))
      .filter((n) => n.groups.length)
      .sort((a, b) => a.uri.fsPath.localeCompare(b.uri.fsPath));
  }

  private updateMessage(): void {
    const filtered = this.shown.size < CLAIM_GROUPS.length;
    this.view.description = filtered ? `showing ${this.filter.map((g) => GROUP_LABEL[g].toLowerCase()).join(', ')}` : undefined;
    this.view.message = this.files().length ? undefined
      : filtered ? 'No claims match the filter.' : 'Open a draft, or run "Corroborate: Check Workspace", to list its claims here.';
  }

  getChildren(node?: Node): Node[] {
    if (!node) {
      const files = this.files();
      // One draft: its groups at the top level, as an editor working through one story expects.
      return files.length === 1 ? files[0].groups.map((group) => ({ type: 'group', uri: files[0].uri, group })) : files;
    }
    if (node.type === 'file') return node.groups.map((group) => ({ type: 'group', uri: node.uri, group }));
    if (node.type === 'group') return node.group.findings.map((finding) => ({ type: 'claim', uri: node.uri, finding, group: node.group.id }));
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.type === 'file') {
      const item = new vscode.TreeItem(node.uri, vscode.TreeItemCollapsibleState.Expanded);
      item.description = groupSummary(node.groups);
      item.contextValue = 'draft';
      return item;
    }
    if (node.type === 'group') {
      const item = new vscode.TreeItem(node.group.label, node.group.id === 'supported' || node.group.id === 'checked' ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded);
      item.description = String(node.group.findings.length);
      item.id = `${node.uri.toString()}#${node.group.id}`;
      const [icon, color] = GROUP_ICON[node.group.id];
      item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
      item.contextValue = 'verdictGroup';
      return item;
    }
    const f = node.finding;
    const item = new vscode.TreeItem(claimLabel(f), vscode.TreeItemCollapsibleState.None);
    item.description = claimDescription(f);
    item.tooltip = claimTooltip(f);
    item.id = `${node.uri.toString()}#${f.start}-${f.end}-${node.group}`;
    item.contextValue = node.group === 'checked' ? 'claim.checked' : 'claim';
    item.command = { command: CommandIds.revealClaim, title: 'Show in Draft', arguments: [node.uri.toString(), f.start, f.end] };
    return item;
  }

  getParent(): undefined { return undefined; }

  /** The rows as a reader sees them, two levels deep (for the extension-host tests). */
  snapshot(): { label: string; description?: string; children: { label: string; description?: string; tooltip?: string }[] }[] {
    const text = (i: vscode.TreeItem) => (typeof i.label === 'string' ? i.label : i.label?.label ?? (i.resourceUri ? vscode.workspace.asRelativePath(i.resourceUri) : ''));
    return this.getChildren().map((n) => {
      const item = this.getTreeItem(n);
      return {
        label: text(item), description: typeof item.description === 'string' ? item.description : undefined,
        children: this.getChildren(n).map((c) => { const ci = this.getTreeItem(c); return { label: text(ci), description: typeof ci.description === 'string' ? ci.description : undefined, tooltip: typeof ci.tooltip === 'string' ? ci.tooltip : undefined }; }),
      };
    });
  }

  dispose(): void { for (const d of this.disposables) d.dispose(); }
}

/** Opens the draft (if it is not) and selects the claim. */
export async function revealClaim(uri: unknown, start: unknown, end: unknown): Promise<vscode.TextEditor | undefined> {
  if (typeof uri !== 'string' || typeof start !== 'number' || typeof end !== 'number') return undefined;
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  const range = new vscode.Range(doc.positionAt(start), doc.positionAt(end));
  const editor = await vscode.window.showTextDocument(doc, { selection: range, preserveFocus: false });
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}
