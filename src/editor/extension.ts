// Wires the extension: creates the services and registers each feature. No logic lives here.
import * as vscode from 'vscode';
import { CommandIds } from './commandIds';
import { readSettings } from './config';
import { EngineService, archivePasswordKey } from './engineService';
import { FindingStore } from './findingStore';
import { DraftDiagnostics } from './diagnostics';
import { registerHoverProvider } from './hoverProvider';
import { registerCodeActions } from './codeActions';
import { registerStatusBar } from './statusBar';
import { checkClaims } from './commands/checkClaims';
import { openSource, registerArticleDocuments } from './commands/openSource';
import { ReportDocuments } from './reportDocuments';
import { ClaimsView } from './claimsView';
import { isClaimGroup } from './claimsModel';
import { checkWorkspace } from './commands/checkWorkspace';
import { exportReport } from './commands/exportReport';
import { registerInlayHints } from './inlayHints';
import { Decisions } from './decisions';
import { registerDecisionCommands } from './commands/decisionCommands';

/** What the extension offers other extensions (and its tests). */
export interface CorroborateApi {
  /** Corpus files that were skipped at the last load, with the reason. */
  problems(): { path: string; message: string }[];
  /** The engine's state: `indexing`, `ready`, `error`, `restarting` (after a crash) or `stopped` (a crash loop). */
  engineState(): string;
  /** The shared archive's connection (`connecting`, `connected`, `unavailable`), when one is set, and what the last check used. */
  archiveState(): { state?: string; message?: string; lastVia?: string };
  /** @internal For the extension-host tests: ends the engine worker as a crash would. */
  simulateEngineCrash(): Promise<void>;
  /** @internal For the extension-host tests: the claims view's rows, as a reader sees them. */
  claimsTree(): { label: string; description?: string; children: { label: string; description?: string; tooltip?: string }[] }[];
  /** @internal For the extension-host tests: findings focus mode holds back in a draft. */
  heldByFocus(uri: string): number;
  /** @internal For the extension-host tests: sets (or with no argument reads) the verdicts the claims view lists. */
  claimsFilter(groups?: string[]): Promise<string[]>;
}

export function activate(context: vscode.ExtensionContext): CorroborateApi {
  const log = vscode.window.createOutputChannel('Corroborate');
  let settings = readSettings(log);
  const engine = new EngineService(context, log, settings);
  const store = new FindingStore();
  const decisions = new Decisions(log);
  const drafts = new DraftDiagnostics(engine, store, settings, decisions);
  const reports = new ReportDocuments(log);
  const claims = new ClaimsView(store, context.workspaceState);
  // Hovers and quick fixes answer for any document the store has findings for.
  const selector = () => [{ scheme: 'file' }, { scheme: 'untitled' }, { scheme: 'vscode-remote' }];

  context.subscriptions.push(
    log, engine, store, decisions, drafts, reports, claims,
    registerDecisionCommands(store, decisions, CommandIds),
    registerArticleDocuments(),
    registerHoverProvider(store, selector),
    registerCodeActions(store, selector),
    registerStatusBar(store, engine, drafts),
    vscode.commands.registerCommand(CommandIds.checkClaims, () => checkClaims(drafts, engine, reports)),
    vscode.commands.registerCommand(CommandIds.checkWorkspace, () => checkWorkspace(settings, drafts, engine)),
    vscode.commands.registerCommand(CommandIds.exportReport, (options?: unknown) => exportReport(store, engine, options)),
    registerInlayHints(store, selector, () => settings),
    // Also starts an engine that was stopped after crashing several times in a row.
    vscode.commands.registerCommand(CommandIds.reloadCorpus, () => engine.reload(undefined, { revive: true })),
    vscode.commands.registerCommand(CommandIds.openSource, (file?: unknown, line?: unknown) => openSource(engine, file, line)),
    vscode.commands.registerCommand(CommandIds.setArchivePassword, () => setArchivePassword()),
    vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('corroborate')) settingsChanged(); }),
    // In Restricted Mode the workspace's corroborate.corpus.paths is not read (package.json
    // capabilities.untrustedWorkspaces); once the folder is trusted it is.
    vscode.workspace.onDidGrantWorkspaceTrust(() => settingsChanged()),
  );
  function settingsChanged(): void {
    const prev = settings;
    settings = readSettings(log);
    drafts.updateSettings(settings);
    if (['corpus.paths', 'corpus.includeSeeds', 'corpus.maxFileSizeMB', 'archive.url'].some((k) => JSON.stringify(prev[k as keyof typeof prev]) !== JSON.stringify(settings[k as keyof typeof settings]))) {
      void engine.reload(settings);
    }
  }
  /** Asks for the archive's password and keeps it in VS Code's secret storage (never in settings.json). */
  async function setArchivePassword(): Promise<void> {
    const url = settings['archive.url'];
    if (!url) {
      void vscode.window.showInformationMessage('Corroborate: set corroborate.archive.url first (postgres://user@host:port/database).');
      return;
    }
    const password = await vscode.window.showInputBox({ title: 'Corroborate: archive password', prompt: `Password for ${url} (kept in VS Code's secret storage; empty to forget it)`, password: true, ignoreFocusOut: true });
    if (password === undefined) return;
    if (password) await context.secrets.store(archivePasswordKey(url), password);
    else await context.secrets.delete(archivePasswordKey(url));
    void engine.reload(settings);
  }
  void decisions.loadAll();
  void engine.reload(settings);
  return {
    problems: () => engine.problems, engineState: () => engine.state, simulateEngineCrash: () => engine.simulateCrash(),
    archiveState: () => ({ state: engine.archive?.state, message: engine.archive?.message, lastVia: engine.lastVia }),
    claimsTree: () => claims.snapshot(),
    heldByFocus: (uri) => drafts.heldCount(vscode.Uri.parse(uri)),
    claimsFilter: async (groups) => { if (groups) await claims.setFilter(groups.filter(isClaimGroup)); return claims.filter; },
  };
}

export function deactivate(): void {}
