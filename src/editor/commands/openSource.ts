// "Corroborate: Open Source": opens a corpus source at a line (from hover links), or picks one.
// A saved web page opens as the article text the corpus read from it (read-only), where evidence
// line numbers point; other sources open as their files.
import * as vscode from 'vscode';
import * as path from 'node:path';
import type { EngineService } from '../engineService';
import { plainLabel } from '../markdownSafe';

export async function openSource(engine: EngineService, file?: unknown, line?: unknown): Promise<void> {
  let target = typeof file === 'string' ? file : undefined;
  let at = typeof line === 'number' && line > 0 ? line : 1;
  if (!target) {
    const sources = engine.summary?.sources ?? [];
    const pick = await vscode.window.showQuickPick(
      // Titles, outlets and paths come from the corpus: no icon syntax of theirs is rendered.
      sources.map((s) => ({ label: plainLabel(s.title), description: plainLabel([s.outlet, s.date].filter(Boolean).join(', ')), detail: plainLabel(s.path), s })),
      { placeHolder: 'Open a corpus source', matchOnDescription: true, matchOnDetail: true },
    );
    if (!pick) return;
    target = pick.s.path;
    at = pick.s.lineOffset + 1;
  }
  try {
    // A saved page, or an archive's article whose file is on the importer's machine, not this one:
    // the text the corpus holds.
    const elsewhere = !/\.html?$/i.test(target) && !(await exists(target)) && engine.archive !== undefined;
    const doc = /\.html?$/i.test(target) || elsewhere ? await articleDocument(engine, target) : await vscode.workspace.openTextDocument(vscode.Uri.file(target));
    const pos = new vscode.Position(Math.min(at - 1, doc.lineCount - 1), 0);
    await vscode.window.showTextDocument(doc, { selection: new vscode.Range(pos, doc.lineAt(pos.line).range.end), preview: true, viewColumn: vscode.ViewColumn.Beside });
  } catch (e) {
    void vscode.window.showErrorMessage(`Corroborate: cannot open ${target}: ${(e as Error).message}`);
  }
}

const exists = (file: string) => vscode.workspace.fs.stat(vscode.Uri.file(file)).then(() => true, () => false);

export const ARTICLE_SCHEME = 'corroborate-article';
const articles = new Map<string, string>();
const articleChanged = new vscode.EventEmitter<vscode.Uri>();

/** Serves the article texts of saved web pages as read-only documents. */
export function registerArticleDocuments(): vscode.Disposable {
  return vscode.Disposable.from(articleChanged, vscode.workspace.registerTextDocumentContentProvider(ARTICLE_SCHEME, {
    onDidChange: articleChanged.event,
    provideTextDocumentContent: (uri) => articles.get(uri.toString()) ?? '',
  }));
}

async function articleDocument(engine: EngineService, file: string): Promise<vscode.TextDocument> {
  const text = await engine.sourceText(file);
  if (text === undefined) throw new Error('it is not in the corpus (reload the corpus?)');
  // The tab reads "page.html (article text)"; the query keeps two pages of the same name apart.
  const uri = vscode.Uri.from({ scheme: ARTICLE_SCHEME, path: `/${path.basename(file)} (article text)`, query: file });
  const changed = articles.has(uri.toString()) && articles.get(uri.toString()) !== text;
  articles.set(uri.toString(), text);
  if (changed) articleChanged.fire(uri); // the page changed since it was last opened
  return vscode.workspace.openTextDocument(uri);
}
