// The latest findings per open draft, which hovers, code actions, the status bar and the report read.
import * as vscode from 'vscode';
import type { Finding } from '../core';

export class FindingStore {
  private readonly byUri = new Map<string, { version: number; findings: Finding[] }>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  get(doc: vscode.TextDocument): Finding[] | undefined {
    const e = this.byUri.get(doc.uri.toString());
    return e && e.version === doc.version ? e.findings : undefined;
  }
  set(doc: vscode.TextDocument, findings: Finding[]): void {
    this.byUri.set(doc.uri.toString(), { version: doc.version, findings });
    this.changed.fire(doc.uri);
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
