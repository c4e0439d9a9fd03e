import * as vscode from 'vscode';
import * as path from 'node:path';

export const WORKSPACE = process.env.CORROBORATE_TEST_WORKSPACE || path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'workspace');
export const DRAFT = path.join(WORKSPACE, 'drafts', 'summit.md');

/** Polls `probe` until it returns a truthy value (never a fixed sleep). */
export async function waitFor<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = 20000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (e) { last = e; }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (${(last as Error).message})` : ''}`);
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'corroborate');
}

export async function openDraft(file = DRAFT): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  return vscode.window.showTextDocument(doc);
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('corroborate').update(key, value, vscode.ConfigurationTarget.Workspace);
}

export function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : (c as vscode.MarkdownString).value))).join('\n');
}

/** Hover Markdown as a reader sees it: emphasis, escapes and the difference marker removed. */
export function plainText(markdown: string): string {
  return markdown.replace(/\\([\\`*_[\]#|~])/g, '$1').replace(/\*+|⚠/g, '').replace(/&amp;/g, '&');
}
