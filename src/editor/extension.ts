// Wires the extension: creates the services and registers each feature. No logic lives here.
import * as vscode from 'vscode';
import { CommandIds } from './commandIds';
import { readSettings } from './config';
import { EngineService } from './engineService';
import { FindingStore } from './findingStore';
import { DraftDiagnostics } from './diagnostics';
import { registerHoverProvider } from './hoverProvider';
import { registerCodeActions } from './codeActions';
import { registerStatusBar } from './statusBar';
import { checkClaims } from './commands/checkClaims';
import { openSource } from './commands/openSource';
import { ReportDocuments } from './reportDocuments';

/** What the extension offers other extensions (and its tests). */
export interface CorroborateApi {
  /** Corpus files that were skipped at the last load, with the reason. */
  problems(): { path: string; message: string }[];
}

export function activate(context: vscode.ExtensionContext): CorroborateApi {
  const log = vscode.window.createOutputChannel('Corroborate');
  let settings = readSettings(log);
  const engine = new EngineService(context, log, settings);
  const store = new FindingStore();
  const drafts = new DraftDiagnostics(engine, store, settings);
  const reports = new ReportDocuments(log);
  // Hovers and quick fixes answer for any document the store has findings for.
  const selector = () => [{ scheme: 'file' }, { scheme: 'untitled' }, { scheme: 'vscode-remote' }];

  context.subscriptions.push(
    log, engine, store, drafts, reports,
    registerHoverProvider(store, selector),
    registerCodeActions(store, selector),
    registerStatusBar(store, engine, drafts),
    vscode.commands.registerCommand(CommandIds.checkClaims, () => checkClaims(drafts, engine, reports)),
    vscode.commands.registerCommand(CommandIds.reloadCorpus, () => engine.reload()),
    vscode.commands.registerCommand(CommandIds.openSource, (file?: unknown, line?: unknown) => openSource(engine, file, line)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('corroborate')) return;
      const prev = settings;
      settings = readSettings(log);
      drafts.updateSettings(settings);
      if (['corpus.paths', 'corpus.includeSeeds', 'corpus.maxFileSizeMB'].some((k) => JSON.stringify(prev[k as keyof typeof prev]) !== JSON.stringify(settings[k as keyof typeof settings]))) {
        void engine.reload(settings);
      }
    }),
  );
  void engine.reload(settings);
  return { problems: () => engine.problems };
}

export function deactivate(): void {}
