// Check Claims reports as read-only virtual documents (no "save changes?" prompt on close),
// shown as a Markdown preview beside the draft.
import * as vscode from 'vscode';

export const REPORT_SCHEME = 'corroborate-report';

export class ReportDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, this);

  constructor(private readonly log: vscode.OutputChannel) {}

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  /** Shows `markdown` as the report for `draftName`, replacing an earlier report of the same draft. */
  async show(draftName: string, markdown: string): Promise<vscode.TextDocument> {
    // The path is the tab's title ("Corroborate report - summit.md"); the language is set below, so
    // no ".md" of its own is needed (it read "summit.md.md").
    const uri = vscode.Uri.from({ scheme: REPORT_SCHEME, path: `/Corroborate report - ${draftName}` });
    this.contents.set(uri.toString(), markdown);
    this.changed.fire(uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    if (doc.languageId !== 'markdown') await vscode.languages.setTextDocumentLanguage(doc, 'markdown');
    // A rendered preview reads best; without the built-in Markdown extension, the text itself.
    // (executeCommand activates the Markdown extension if needed, and rejects if it is absent.)
    try {
      await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
      return doc;
    } catch (e) {
      this.log.appendLine(`[report] no Markdown preview (${(e as Error).message}); showing the text`);
    }
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
    return doc;
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}
