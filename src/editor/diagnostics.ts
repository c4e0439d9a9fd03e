// Checks drafts (on open, as the user types, on save or on command) and publishes diagnostics.
// Per-document trailing debounce; a result for an outdated document version is dropped.
import * as vscode from 'vscode';
import type { Finding } from '../core';
import { draftBytes, draftSizeProblem } from '../core/analysis/limits';
import { severityFor, type Settings, type Severity } from './settings';
import type { EngineService } from './engineService';
import { FindingStore, rangeOf } from './findingStore';
import { diagnosticMessage, relatedInformationMessage } from './diagnosticMessage';

const SEVERITY: Record<Exclude<Severity, 'off'>, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export class DraftDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('corroborate');
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly disposables: vscode.Disposable[] = [];
  /** Drafts found too large to check, whose warning was shown (by URI). */
  private readonly refused = new Set<string>();

  constructor(private readonly engine: EngineService, readonly store: FindingStore, private settings: Settings) {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((d) => { if (this.settings.checkOn !== 'command') this.schedule(d, 0); }),
      vscode.workspace.onDidChangeTextDocument((e) => { if (this.settings.checkOn === 'type' && e.contentChanges.length) this.schedule(e.document, this.settings.debounceMs); }),
      vscode.workspace.onDidSaveTextDocument((d) => { if (this.settings.checkOn !== 'command') this.schedule(d, 0); }),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)),
      // A document can outlive its last tab for minutes; closing the tab is what the user sees.
      vscode.window.tabGroups.onDidChangeTabs((e) => {
        const open = new Set(vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => (t.input instanceof vscode.TabInputText ? t.input.uri.toString() : '')));
        for (const t of e.closed) if (t.input instanceof vscode.TabInputText && !open.has(t.input.uri.toString())) this.forget(t.input.uri);
        // Reopened before the document was disposed, it gets no open event: check it again here.
        if (this.settings.checkOn === 'command') return;
        for (const t of e.opened) {
          if (!(t.input instanceof vscode.TabInputText)) continue;
          const uri = t.input.uri.toString();
          const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
          if (doc && this.isDraft(doc) && !this.collection.has(doc.uri) && !this.timers.has(uri)) this.schedule(doc, 0);
        }
      }),
      engine.onDidChange(() => { if (engine.state === 'ready') this.recheckOpen(); }),
    );
  }

  isDraft(doc: vscode.TextDocument): boolean {
    return (doc.uri.scheme === 'file' || doc.uri.scheme === 'untitled' || doc.uri.scheme === 'vscode-remote') && this.settings.languages.includes(doc.languageId);
  }

  updateSettings(settings: Settings): void {
    this.settings = settings;
    // Drafts that no longer qualify lose their findings; the rest are re-published or re-checked.
    for (const doc of vscode.workspace.textDocuments) {
      if (!this.isDraft(doc)) this.forget(doc.uri);
    }
    this.recheckOpen();
  }

  recheckOpen(): void {
    if (this.settings.checkOn === 'command') {
      for (const doc of vscode.workspace.textDocuments) { const f = this.store.get(doc); if (f) this.publish(doc, f); }
      return;
    }
    for (const doc of vscode.workspace.textDocuments) if (this.isDraft(doc)) this.schedule(doc, 0);
  }

  schedule(doc: vscode.TextDocument, delay: number): void {
    if (!this.isDraft(doc)) return;
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => { this.timers.delete(key); void this.checkNow(doc, false); }, delay));
  }

  /**
   * Checks a draft now; resolves with its findings (undefined if it changed meanwhile, or is too
   * large to check: then its findings are cleared and the reason shown, once per document unless
   * `explain`, as for the Check Claims command).
   */
  async checkNow(doc: vscode.TextDocument, explain = true): Promise<Finding[] | undefined> {
    const version = doc.version;
    const text = doc.getText();
    // The engine refuses a draft over its limit (DraftTooLargeError): not sent to it at all.
    const tooLarge = draftSizeProblem(draftBytes(text));
    if (tooLarge) {
      this.collection.delete(doc.uri);
      this.store.delete(doc.uri);
      if (explain || !this.refused.has(doc.uri.toString())) void vscode.window.showWarningMessage(`Corroborate: ${vscode.workspace.asRelativePath(doc.uri)} is not checked: ${tooLarge}.`);
      this.refused.add(doc.uri.toString());
      return undefined;
    }
    this.refused.delete(doc.uri.toString());
    const findings = await this.engine.check(text, doc.uri.toString());
    if (doc.isClosed || doc.version !== version) return undefined; // stale: a newer check follows
    this.store.set(doc, findings);
    this.publish(doc, findings);
    return findings;
  }

  private publish(doc: vscode.TextDocument, findings: Finding[]): void {
    const diags: vscode.Diagnostic[] = [];
    for (const f of findings) {
      const sev = severityFor(this.settings, f.verdict);
      if (sev === 'off') continue;
      const d = new vscode.Diagnostic(rangeOf(doc, f.start, f.end), diagnosticMessage(f), SEVERITY[sev]);
      d.source = 'corroborate';
      d.code = f.kind === 'name' ? 'name' : f.verdict;
      d.relatedInformation = f.evidence.slice(0, 3).map((e) =>
        new vscode.DiagnosticRelatedInformation(
          new vscode.Location(vscode.Uri.file(e.path), new vscode.Position(Math.max(0, e.line - 1), 0)),
          relatedInformationMessage(e),
        ));
      diags.push(d);
    }
    this.collection.set(doc.uri, diags);
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.collection.delete(uri);
    this.store.delete(uri);
    this.refused.delete(key);
    this.engine.forget(key);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
    this.collection.dispose();
  }
}
