// Owns the engine worker: loads the corpus (with progress), reports bad corpus files once,
// watches the corpus paths, and checks drafts off the extension host's thread.
import * as vscode from 'vscode';
import * as path from 'node:path';
import { EngineClient } from '../core/engine/engineClient';
import type { Finding, CorpusProblem } from '../core/types';
import type { CorpusSummary } from '../core/engine/engineProtocol';
import { corpusProblemNotice } from './statusText';
import type { EngineEvent } from '../core/engine/engineClient';
import type { Settings } from './settings';
import type { ArchiveStatus } from '../core/archive/archiveConnection';

/** The SecretStorage key of the archive's password (one per archive URL). */
export const archivePasswordKey = (url: string) => `corroborate.archive.password:${url}`;

/** `restarting`: the engine worker died and a new one reloads the corpus; `stopped`: it died too often in a row. */
export type EngineState = 'indexing' | 'ready' | 'error' | 'restarting' | 'stopped';

/** A worker that dies this many times in a row is not started again (until Reload Corpus). */
const MAX_CRASHES = 3;

export class EngineService implements vscode.Disposable {
  private client: EngineClient;
  private loading: Promise<void> | undefined;
  private watchers: vscode.Disposable[] = [];
  private reloadTimer: NodeJS.Timeout | undefined;
  private reported = new Set<string>();
  summary: CorpusSummary | undefined;
  problems: CorpusProblem[] = [];
  state: EngineState = 'indexing';
  /** The shared archive's connection, when `corroborate.archive.url` is set. */
  archive: ArchiveStatus | undefined;
  /** What the last check was made against. */
  lastVia: 'archive' | 'local' | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when a corpus finished loading (drafts should be re-checked) or the state changed. */
  readonly onDidChange = this.changed.event;
  private readonly restarted = new vscode.EventEmitter<void>();
  /** Fires once each time a crashed engine worker is back with the corpus reloaded. */
  readonly onDidRestart = this.restarted.event;

  constructor(private readonly context: vscode.ExtensionContext, private readonly log: vscode.OutputChannel, private settings: Settings) {
    this.client = new EngineClient(path.join(context.extensionPath, 'dist', 'engineWorker.js'), {
      restart: { maxCrashes: MAX_CRASHES, healthyMs: 60_000 },
      onEvent: (e) => this.onEngineEvent(e),
    });
  }

  /**
   * The engine worker died (out of memory, a crash) and the client starts a new one that reloads the
   * corpus; checks wait for it, so drafts keep their last findings meanwhile. Said once in the status
   * bar when it is back; a crash loop stops it, with one error message.
   */
  private onEngineEvent(e: EngineEvent): void {
    if (e.type === 'archive') {
      this.archive = e.status;
      if (e.status.state === 'unavailable') this.log.appendLine(`[archive] unavailable (${e.status.message}); checking against the local corpus and reconnecting by itself`);
      else if (e.status.state === 'connected') this.log.appendLine(`[archive] connected: generation ${e.status.generation}, ${e.status.articles ?? '?'} articles, ${e.status.passages} passages`);
      // Drafts are checked again (onDidChange): against the archive once it is back.
      this.changed.fire();
      return;
    }
    if (e.type === 'crashed') {
      this.log.appendLine(`[engine] the engine worker stopped (${e.error.message}); restarting it and reloading the corpus`);
      this.state = 'restarting';
    } else if (e.type === 'restarted') {
      if (e.result) {
        this.summary = e.result.summary;
        this.problems = e.result.problems;
        this.state = 'ready';
        this.log.appendLine(`[engine] restarted: ${e.result.summary.sources.length} sources, ${e.result.summary.passages} passages (${Math.round(e.result.stats.ms)} ms)`);
        this.restarted.fire();
      } else if (e.error) {
        this.state = 'error';
        this.log.appendLine(`[engine] restarted, but the corpus could not be loaded: ${e.error.message}`);
      } else {
        this.state = 'ready';
        this.restarted.fire();
      }
    } else {
      this.state = 'stopped';
      this.log.appendLine(`[engine] ${e.error.message}; not restarted again. Run "Corroborate: Reload Corpus" to start it.`);
      void vscode.window.showErrorMessage(`Corroborate's engine crashed ${e.crashes} times in a row and was stopped. Reload the corpus to start it again.`, 'Reload Corpus', 'Show Output')
        .then((pick) => { if (pick === 'Reload Corpus') void this.reload(this.settings, { revive: true }); else if (pick) this.log.show(true); });
    }
    this.changed.fire();
  }

  /**
   * Loads (or reloads) the corpus described by the settings. `revive` (the Reload Corpus command)
   * also starts an engine that was stopped after a crash loop.
   */
  reload(settings: Settings = this.settings, opts: { revive?: boolean } = {}): Promise<void> {
    this.settings = settings;
    this.watch();
    const run = async () => {
      if (opts.revive && this.client.state === 'stopped') {
        this.log.appendLine('[engine] starting the engine again');
        this.client.revive();
      }
      if (this.engineStopped) return; // said once already; Reload Corpus starts it again
      this.state = 'indexing';
      this.changed.fire();
      const baseDir = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
      const url = settings['archive.url'];
      // The password from VS Code's secret storage (or, when none is kept there, PGPASSWORD / ~/.pgpass in the worker).
      const password = url ? await this.context.secrets.get(archivePasswordKey(url)) : undefined;
      this.archive = url ? { state: 'connecting' } : undefined;
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
                ...(url ? { archive: { url, ...(password ? { password } : {}) } } : {}),
              },
              (done, total) => {
                const pct = total ? (100 * done) / total : 100;
                progress.report({ message: `${done} of ${total} sources`, increment: pct - last });
                last = pct;
              },
            );
            this.summary = r.summary;
            this.problems = r.problems;
            if (r.archive) this.archive = r.archive;
            this.log.appendLine(`[corpus] ${r.summary.sources.length} sources, ${r.summary.passages} passages, ${r.summary.entities} names; ${r.stats.analysed} analysed, ${r.stats.reused} from cache (${Math.round(r.stats.ms)} ms)`);
            const fresh = r.problems.filter((p) => !this.reported.has(`${p.path}\0${p.message}`));
            for (const p of fresh) {
              this.reported.add(`${p.path}\0${p.message}`);
              this.log.appendLine(`[corpus] ${p.severity === 'skipped' ? 'skipped' : 'warning'} ${p.path}: ${p.message}`);
            }
            if (fresh.length) {
              void vscode.window.showWarningMessage(corpusProblemNotice(fresh),
                'Show Output',
              ).then((pick) => { if (pick) this.log.show(true); });
            }
          },
        );
        this.state = 'ready';
      } catch (e) {
        if (this.engineStopped) this.state = 'stopped'; // a crash loop while loading: reported once by onEngineEvent
        else {
          this.state = 'error';
          this.log.appendLine(`[corpus] could not load: ${(e as Error).message}`);
          void vscode.window.showErrorMessage(`Corroborate could not load the corpus: ${(e as Error).message}`);
        }
      }
      this.changed.fire();
    };
    this.loading = (this.loading ?? Promise.resolve()).then(run, run);
    return this.loading;
  }

  /** The engine worker crashed too often in a row and is not restarted (read afresh: it changes under awaits). */
  private get engineStopped(): boolean { return this.client.state === 'stopped'; }

  /** Checks a draft's text (of the document with URI `document`); waits for a corpus load in progress. */
  async check(text: string, document?: string): Promise<Finding[]> {
    if (this.loading) await this.loading;
    // While a crashed engine restarts, the check waits for it (the draft keeps its last findings).
    if (this.state !== 'ready' && this.state !== 'restarting') return [];
    try {
      const r = await this.client.check(text, undefined, true, document);
      if (r.via !== this.lastVia) { this.lastVia = r.via; this.changed.fire(); }
      return r.findings;
    } catch (e) {
      if (this.engineStopped) return [];
      // This check failed (its text killed the engine twice): the draft keeps what it showed.
      this.log.appendLine(`[engine] check failed: ${(e as Error).message}`);
      throw e;
    }
  }

  /** The text the corpus holds for the source read from `file` (a saved page's extracted article). */
  async sourceText(file: string): Promise<string | undefined> {
    if (this.loading) await this.loading;
    return this.client.sourceText(file);
  }

  /** @internal For the extension-host tests: ends the engine worker as a crash would. */
  async simulateCrash(): Promise<void> {
    await this.client.thread.terminate();
  }

  /** Drops the engine's cache of a document that is no longer checked. */
  forget(document: string): void {
    this.client.close(document).catch(() => undefined);
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
    this.restarted.dispose();
    void this.client.dispose();
  }
}

