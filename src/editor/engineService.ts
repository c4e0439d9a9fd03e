// Owns the engine worker: loads the corpus (with progress), reports bad corpus files once,
// watches the corpus paths, and checks drafts off the extension host's thread.
import * as vscode from 'vscode';
import * as path from 'node:path';
import { EngineClient, type Finding, type CorpusSummary, type CorpusProblem } from '../core';
import type { Settings } from './settings';

export type EngineState = 'indexing' | 'ready' | 'error';

export class EngineService implements vscode.Disposable {
  private client: EngineClient;
  private loading: Promise<void> | undefined;
  private watchers: vscode.Disposable[] = [];
  private reloadTimer: NodeJS.Timeout | undefined;
  private reported = new Set<string>();
  summary: CorpusSummary | undefined;
  problems: CorpusProblem[] = [];
  state: EngineState = 'indexing';
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when a corpus finished loading (drafts should be re-checked) or the state changed. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly context: vscode.ExtensionContext, private readonly log: vscode.OutputChannel, private settings: Settings) {
    this.client = new EngineClient(path.join(context.extensionPath, 'dist', 'engineWorker.js'));
  }

  /** Loads (or reloads) the corpus described by the settings. */
  reload(settings: Settings = this.settings): Promise<void> {
    this.settings = settings;
    this.watch();
    const run = async () => {
      this.state = 'indexing';
      this.changed.fire();
      const baseDir = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
      try {
        await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: 'Corroborate: indexing corpus' },
          async (progress) => {
            let last = 0;
            const r = await this.client.load(
              {
                paths: settings['corpus.paths'], baseDir, includeSeeds: settings['corpus.includeSeeds'],
                seedsDir: path.join(this.context.extensionPath, 'seeds'),
                maxFileBytes: Math.round(settings['corpus.maxFileSizeMB'] * 1024 * 1024),
                storeDir: path.join(this.context.globalStorageUri.fsPath, 'index'),
              },
              (done, total) => {
                const pct = total ? (100 * done) / total : 100;
                progress.report({ message: `${done} of ${total} sources`, increment: pct - last });
                last = pct;
              },
            );
            this.summary = r.summary;
            this.problems = r.problems;
            this.log.appendLine(`[corpus] ${r.summary.sources.length} sources, ${r.summary.passages} passages, ${r.summary.entities} names; ${r.stats.analysed} analysed, ${r.stats.reused} from cache (${Math.round(r.stats.ms)} ms)`);
            const fresh = r.problems.filter((p) => !this.reported.has(`${p.path}\0${p.message}`));
            for (const p of fresh) {
              this.reported.add(`${p.path}\0${p.message}`);
              this.log.appendLine(`[corpus] skipped ${p.path}: ${p.message}`);
            }
            if (fresh.length) {
              void vscode.window.showWarningMessage(
                `Corroborate: ${fresh.length} corpus file${fresh.length === 1 ? '' : 's'} skipped (${path.basename(fresh[0].path)}: ${fresh[0].message}${fresh.length > 1 ? ', …' : ''}).`,
                'Show Output',
              ).then((pick) => { if (pick) this.log.show(true); });
            }
          },
        );
        this.state = 'ready';
      } catch (e) {
        this.state = 'error';
        this.log.appendLine(`[corpus] could not load: ${(e as Error).message}`);
        void vscode.window.showErrorMessage(`Corroborate could not load the corpus: ${(e as Error).message}`);
      }
      this.changed.fire();
    };
    this.loading = (this.loading ?? Promise.resolve()).then(run, run);
    return this.loading;
  }

  /** Checks a draft's text; waits for a corpus load in progress. */
  async check(text: string): Promise<Finding[]> {
    if (this.loading) await this.loading;
    if (this.state !== 'ready') return [];
    return (await this.client.check(text)).findings;
  }

  private watch(): void {
    for (const w of this.watchers) w.dispose();
    this.watchers = [];
    const folder = vscode.workspace.workspaceFolders?.[0];
    for (const p of this.settings['corpus.paths']) {
      const pattern = path.isAbsolute(p)
        ? new vscode.RelativePattern(vscode.Uri.file(/[*?[{]/.test(p) ? path.dirname(p) : p), /[*?[{]/.test(p) ? path.basename(p) : '**/*')
        : folder ? new vscode.RelativePattern(folder, /[*?[{]/.test(p) ? p : `${p.replace(/\/$/, '')}{,/**/*}`) : undefined;
      if (!pattern) continue;
      const w = vscode.workspace.createFileSystemWatcher(pattern);
      const schedule = () => {
        clearTimeout(this.reloadTimer);
        this.reloadTimer = setTimeout(() => void this.reload(), 500);
      };
      w.onDidChange(schedule);
      w.onDidCreate(schedule);
      w.onDidDelete(schedule);
      this.watchers.push(w);
    }
  }

  dispose(): void {
    clearTimeout(this.reloadTimer);
    for (const w of this.watchers) w.dispose();
    this.changed.dispose();
    void this.client.dispose();
  }
}
