// The latest findings per draft, which hovers, code actions, the status bar, the claims view and the
// report read: open drafts (by document version) and drafts checked by Check Workspace while closed.
import * as vscode from 'vscode';
import type { Finding } from '../core';

export class FindingStore {
  private readonly byUri = new Map<string, { uri: vscode.Uri; version: number | undefined; findings: Finding[]; text?: string }>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  get(doc: vscode.TextDocument): Finding[] | undefined {
    const e = this.byUri.get(doc.uri.toString());
    return e && e.version === doc.version ? e.findings : undefined;
  }
  has(uri: vscode.Uri): boolean { return this.byUri.has(uri.toString()); }
  set(doc: vscode.TextDocument, findings: Finding[]): void {
    this.byUri.set(doc.uri.toString(), { uri: doc.uri, version: doc.version, findings });
    this.changed.fire(doc.uri);
  }
  /** Findings of a draft that is not open, checked from `text` (Check Workspace); replaced once it is opened and checked. */
  setUnopened(uri: vscode.Uri, findings: Finding[], text: string): void {
    this.byUri.set(uri.toString(), { uri, version: undefined, findings, text });
    this.changed.fire(uri);
  }
  /** Every draft with findings: open ones as of their last check, and unopened ones. */
  all(): { uri: vscode.Uri; findings: Finding[]; text?: string }[] {
    return [...this.byUri.values()].map(({ uri, findings, text }) => ({ uri, findings, text }));
  }
  delete(uri: vscode.Uri): void {
    this.byUri.delete(uri.toString());
    this.changed.fire(uri);
  }
  dispose(): void { this.changed.dispose(); }
}

/** Offsets to a Range, the one place the editor converts engine offsets. */
export function rangeOf(doc: vscode.TextDocument, start: number, end: number): vscode.Range {
  return new vscode.Range(doc.positionAt(start), doc.positionAt(end));
}
