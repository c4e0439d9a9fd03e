// Reads the `corroborate.*` settings through the pure normalisers and reports malformed values once.
import * as vscode from 'vscode';
import { normaliseSettings, RESTRICTED_SETTINGS, type Settings } from './settings';

const shown = new Set<string>();

/** Reads the settings; each malformed value is reported once per session, not on every change. */
export function readSettings(log: vscode.OutputChannel): Settings {
  const cfg = vscode.workspace.getConfiguration('corroborate');
  const { settings, warnings } = normaliseSettings((key) => {
    const i = cfg.inspect(key);
    // In Restricted Mode a workspace's own value of a restricted setting is not read (VS Code leaves
    // it out too; this holds whatever it does).
    if (!vscode.workspace.isTrusted && RESTRICTED_SETTINGS.includes(key)) return i?.globalValue;
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
