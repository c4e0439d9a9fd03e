// Reads the `corroborate.*` settings through the pure normalisers and reports malformed values once.
import * as vscode from 'vscode';
import { normaliseSettings, type Settings } from './settings';

const shown = new Set<string>();

/** Reads the settings; each malformed value is reported once per session, not on every change. */
export function readSettings(log: vscode.OutputChannel): Settings {
  const cfg = vscode.workspace.getConfiguration('corroborate');
  const { settings, warnings } = normaliseSettings((key) => {
    const i = cfg.inspect(key);
    return i?.workspaceFolderValue ?? i?.workspaceValue ?? i?.globalValue;
  });
  for (const w of warnings) {
    if (shown.has(w)) continue;
    shown.add(w);
    log.appendLine(`[settings] ${w}`);
    void vscode.window.showWarningMessage(`Corroborate: ${w}`);
  }
  return settings;
}
