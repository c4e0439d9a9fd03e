// Checks drafts (on open, as the user types, on save or on command) and publishes diagnostics.
// Per-document trailing debounce; a result for an outdated document version is dropped.
import * as vscode from 'vscode';
import type { Finding } from '../core';
import { draftBytes, draftSizeProblem } from '../core/analysis/limits';
import { severityFor, type Settings, type Severity } from './settings';
import type { EngineService } from './engineService';
import type { Decisions } from './decisions';
import { FindingStore, rangeOf } from './findingStore';
import { lineStartsOf, lineColAt } from '../core/analysis/text';
import { heldByFocus, FOCUS_PAUSE_MIN_MS } from './focusMode';
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
  /** Focus mode: when each draft was last edited, and the findings held back on the line being typed. */
  private readonly lastEdit = new Map<string, number>();
  private readonly held = new Map<string, { doc: vscode.TextDocument; findings: Finding[]; count: number; line: number; timer: NodeJS.Timeout }>();

  /** Drafts checked while not open (Check Workspace): their text and the engine's findings, before decisions. */
  private readonly unopened = new Map<string, { uri: vscode.Uri; text: string; findings: Finding[] }>();

  constructor(private readonly engine: EngineService, readonly store: FindingStore, private settings: Settings, private readonly decisions?: Decisions) {
    this.disposables.push(
      // A claim marked as checked, or a name ignored: the drafts show it at once.
      ...(decisions ? [decisions.onDidChange(() => this.reapplyDecisions())] : []),
      vscode.workspace.onDidOpenTextDocument((d) => { if (this.settings.checkOn !== 'command') this.schedule(d, 0); }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (!e.contentChanges.length) return;
        this.lastEdit.set(e.document.uri.toString(), Date.now());
        if (this.settings.checkOn === 'type') this.schedule(e.document, this.settings.debounceMs);
      }),
      // Focus mode: findings held on the line being typed are shown once the cursor leaves it.
      vscode.window.onDidChangeTextEditorSelection((e) => {
        const h = this.held.get(e.textEditor.document.uri.toString());
        if (h && e.selections[0].active.line !== h.line) this.release(h.doc);
      }),
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
    const raw = await this.engine.check(text, doc.uri.toString());
    if (doc.isClosed || doc.version !== version) return undefined; // stale: a newer check follows
    this.unopened.delete(doc.uri.toString());
    const findings = this.decisions ? this.decisions.apply(doc.uri, text, raw) : raw;
    this.store.set(doc, findings);
    this.publish(doc, findings);
    return findings;
  }

  /**
   * Publishes a draft's findings. With focus mode on, new or changed findings on the line the cursor
   * is on, in a draft edited in the last moments, are held back until the cursor leaves that line or
   * typing pauses (see focusMode.ts); what was already shown there stays.
   */
  private publish(doc: vscode.TextDocument, findings: Finding[]): void {
    const key = doc.uri.toString();
    const held = this.held.get(key);
    if (held) { clearTimeout(held.timer); this.held.delete(key); }
    const editor = vscode.window.activeTextEditor;
    const pause = Math.max(this.settings.debounceMs, FOCUS_PAUSE_MIN_MS);
    const since = Date.now() - (this.lastEdit.get(key) ?? 0);
    if (this.settings.focusMode && editor?.document === doc && since < pause) {
      const line = editor.selection.active.line;
      const lineStart = doc.offsetAt(new vscode.Position(line, 0)), lineEnd = doc.offsetAt(doc.lineAt(line).range.end);
      const shown = this.shownFindings.get(key) ?? [];
      const { show, hold } = heldByFocus(findings, shown, lineStart, lineEnd);
      if (hold.length) {
        const timer = setTimeout(() => this.release(doc), pause - since);
        this.held.set(key, { doc, findings, count: hold.length, line, timer });
        this.publishAt(doc.uri, show, (a, b) => rangeOf(doc, a, b));
        return;
      }
    }
    this.publishAt(doc.uri, findings, (a, b) => rangeOf(doc, a, b));
  }

  /** Shows the findings focus mode held back for `doc`, if they are still its latest. */
  private release(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    const h = this.held.get(key);
    if (!h) return;
    clearTimeout(h.timer);
    this.held.delete(key);
    if (!doc.isClosed && this.store.get(doc) === h.findings) this.publishAt(doc.uri, h.findings, (a, b) => rangeOf(doc, a, b));
  }

  /** Findings held back by focus mode in a draft (for tests and the status bar). */
  heldCount(uri: vscode.Uri): number {
    return this.held.get(uri.toString())?.count ?? 0;
  }

  /** Stores and publishes the findings of a draft that is not open (Check Workspace), positioned in `text`. */
  publishUnopened(uri: vscode.Uri, text: string, raw: Finding[]): void {
    this.unopened.set(uri.toString(), { uri, text, findings: raw });
    const findings = this.decisions ? this.decisions.apply(uri, text, raw) : raw;
    this.store.setUnopened(uri, findings, text);
    const starts = lineStartsOf(text);
    const pos = (o: number) => { const p = lineColAt(starts, o); return new vscode.Position(p.line - 1, p.column - 1); };
    this.publishAt(uri, findings, (a, b) => new vscode.Range(pos(a), pos(b)));
  }

  /** What each draft's diagnostics show now (focus mode compares against it). */
  private readonly shownFindings = new Map<string, Finding[]>();

  /** Decisions changed: open drafts are checked again (incremental, quick), unopened ones re-marked. */
  private reapplyDecisions(): void {
    for (const u of this.unopened.values()) this.publishUnopened(u.uri, u.text, u.findings);
    for (const doc of vscode.workspace.textDocuments) if (this.isDraft(doc) && this.store.has(doc.uri)) this.schedule(doc, 0);
  }

  private publishAt(uri: vscode.Uri, findings: Finding[], range: (start: number, end: number) => vscode.Range): void {
    const diags: vscode.Diagnostic[] = [];
    for (const f of findings) {
      if (f.checked) continue; // checked by hand: no underline (the claims view and the hover say so)
      const sev = severityFor(this.settings, f.verdict);
      if (sev === 'off') continue;
      const d = new vscode.Diagnostic(range(f.start, f.end), diagnosticMessage(f), SEVERITY[sev]);
      d.source = 'corroborate';
      d.code = f.kind === 'name' ? 'name' : f.verdict;
      d.relatedInformation = f.evidence.slice(0, 3).map((e) =>
        new vscode.DiagnosticRelatedInformation(
          new vscode.Location(vscode.Uri.file(e.path), new vscode.Position(Math.max(0, e.line - 1), 0)),
          relatedInformationMessage(e),
        ));
      diags.push(d);
    }
    this.shownFindings.set(uri.toString(), findings);
    this.collection.set(uri, diags);
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.collection.delete(uri);
    this.store.delete(uri);
    this.unopened.delete(key);
    this.refused.delete(key);
    this.shownFindings.delete(key);
    this.lastEdit.delete(key);
    const h = this.held.get(key);
    if (h) { clearTimeout(h.timer); this.held.delete(key); }
    this.engine.forget(key);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const h of this.held.values()) clearTimeout(h.timer);
    for (const d of this.disposables) d.dispose();
    this.collection.dispose();
  }
}
