// The typed configuration surface: mirrors `contributes.configuration` in package.json. Raw values
// pass through small pure normalisers; a malformed value falls back to its default with a warning.
// No vscode import: the editor reads the raw values and hands them here.

import { DEFAULT_DRAFT_INCLUDE, DEFAULT_DRAFT_EXCLUDE } from '../core/draftFiles';

export type Severity = 'error' | 'warning' | 'information' | 'hint' | 'off';
export type CheckOn = 'type' | 'save' | 'command';
export type SeverityKey = 'supported' | 'contradicted' | 'misquoted' | 'misattributed' | 'unverified' | 'name';

export interface Settings {
  'corpus.paths': string[];
  'corpus.includeSeeds': boolean;
  'corpus.maxFileSizeMB': number;
  languages: string[];
  checkOn: CheckOn;
  debounceMs: number;
  'severity.supported': Severity;
  'severity.contradicted': Severity;
  'severity.misquoted': Severity;
  'severity.misattributed': Severity;
  'severity.unverified': Severity;
  'severity.name': Severity;
  focusMode: boolean;
  'inlayHints.sourceFigures': boolean;
  'drafts.include': string[];
  'drafts.exclude': string[];
  /** A shared archive (postgres://user@host:port/db) to check against; '' for none. Never holds a password. */
  'archive.url': string;
}

export const DEFAULTS: Readonly<Settings> = Object.freeze({
  'corpus.paths': [],
  'corpus.includeSeeds': true,
  'corpus.maxFileSizeMB': 5,
  languages: ['markdown', 'plaintext', 'news-draft'],
  checkOn: 'type',
  debounceMs: 400,
  'severity.supported': 'hint',
  'severity.contradicted': 'warning',
  'severity.misquoted': 'warning',
  'severity.misattributed': 'warning',
  'severity.unverified': 'hint',
  'severity.name': 'hint',
  focusMode: true,
  'inlayHints.sourceFigures': true,
  'drafts.include': [...DEFAULT_DRAFT_INCLUDE],
  'drafts.exclude': [...DEFAULT_DRAFT_EXCLUDE],
  'archive.url': '',
});

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint', 'off'];
const CHECK_ON: readonly CheckOn[] = ['type', 'save', 'command'];

type Normaliser<T> = (raw: unknown) => T | undefined;
const stringList: Normaliser<string[]> = (raw) =>
  Array.isArray(raw) && raw.every((x) => typeof x === 'string') ? raw.map((x) => x.trim()).filter(Boolean) : undefined;
const bool: Normaliser<boolean> = (raw) => (typeof raw === 'boolean' ? raw : undefined);
const number = (min: number, max: number): Normaliser<number> => (raw) =>
  typeof raw === 'number' && Number.isFinite(raw) && raw >= min && raw <= max ? raw : undefined;
const oneOf = <T extends string>(values: readonly T[]): Normaliser<T> => (raw) => (values.includes(raw as T) ? (raw as T) : undefined);

const NORMALISERS: { [K in keyof Settings]: Normaliser<Settings[K]> } = {
  'corpus.paths': stringList,
  'corpus.includeSeeds': bool,
  'corpus.maxFileSizeMB': number(0.001, 1024),
  languages: stringList,
  checkOn: oneOf(CHECK_ON),
  debounceMs: number(0, 60_000),
  'severity.supported': oneOf(SEVERITIES),
  'severity.contradicted': oneOf(SEVERITIES),
  'severity.misquoted': oneOf(SEVERITIES),
  'severity.misattributed': oneOf(SEVERITIES),
  'severity.unverified': oneOf(SEVERITIES),
  'severity.name': oneOf(SEVERITIES),
  focusMode: bool,
  'inlayHints.sourceFigures': bool,
  'drafts.include': stringList,
  'drafts.exclude': stringList,
  'archive.url': (raw) => (typeof raw === 'string' && (raw.trim() === '' || archiveUrlParts(raw.trim()) !== undefined) ? withoutPassword(raw.trim()) : undefined),
};

/** The parts of a postgres:// (or postgresql://) URL, or undefined when it is not one. */
function archiveUrlParts(raw: string): URL | undefined {
  try {
    const u = new URL(raw);
    return (u.protocol === 'postgres:' || u.protocol === 'postgresql:') && u.hostname ? u : undefined;
  } catch { return undefined; }
}
/** The URL without its password (a password is never read from settings.json, where it would lie in plain text). */
function withoutPassword(raw: string): string {
  const u = archiveUrlParts(raw);
  if (!u || !u.password) return raw;
  u.password = '';
  return u.toString();
}
/** The warning for an archive URL holding a password (it is used without it), or undefined. */
export function archivePasswordWarning(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const u = archiveUrlParts(raw.trim());
  return u?.password
    ? 'corroborate.archive.url holds a password: it is not used from settings.json, where it would lie in plain text. Run "Corroborate: Set Archive Password" (kept in VS Code\'s secret storage) or set PGPASSWORD.'
    : undefined;
}

export const SETTING_KEYS = Object.keys(DEFAULTS) as (keyof Settings)[];

/**
 * Settings a workspace cannot set while it is not trusted (Restricted Mode): only the user's own
 * value counts. package.json's capabilities.untrustedWorkspaces.restrictedConfigurations lists the same.
 */
export const RESTRICTED_SETTINGS: readonly (keyof Settings)[] = ['corpus.paths', 'archive.url'];

/** Normalises raw values (`get(key)` returns what the user set, or undefined). */
export function normaliseSettings(get: (key: keyof Settings) => unknown): { settings: Settings; warnings: string[] } {
  const settings = { ...DEFAULTS } as Settings;
  const warnings: string[] = [];
  for (const key of SETTING_KEYS) {
    const raw = get(key);
    if (raw === undefined || raw === null) continue;
    const v = NORMALISERS[key](raw);
    if (v === undefined) {
      warnings.push(`corroborate.${key}: ${JSON.stringify(raw)} is not valid; using the default ${JSON.stringify(DEFAULTS[key])}.`);
      continue;
    }
    (settings as unknown as Record<string, unknown>)[key] = v;
  }
  const password = archivePasswordWarning(get('archive.url'));
  if (password) warnings.push(password);
  return { settings, warnings };
}

export function severityFor(settings: Settings, verdict: string): Severity {
  const key = (verdict === 'found' ? 'severity.name' : `severity.${verdict}`) as keyof Settings;
  return (settings[key] as Severity | undefined) ?? 'off';
}
