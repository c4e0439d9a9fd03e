// Findings as a SARIF 2.1.0 log (OASIS Static Analysis Results Interchange Format), the format code
// scanning dashboards and CI annotators read. Names and supported claims are not results: a result
// is something for an editor to look at.
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { lineColAt, lineStartsOf, oneLine } from '../analysis/text';
import type { Finding, Verdict } from '../types';

export interface SarifFile {
  /** The draft's path as the user gave it (relative to `baseDir` when that is given). */
  path: string;
  /** The draft's text: needed for end positions across lines and for fixes (without it, fixes are left out). */
  text?: string;
  findings: readonly Finding[];
}

export interface SarifTool {
  name: string;
  version: string;
  /** Where the tool is documented; each rule's `helpUri` is its `#verdicts` anchor. */
  informationUri?: string;
}

export interface SarifOptions {
  /** Paths inside this folder are written relative to it; others as absolute `file:` URIs. */
  baseDir?: string;
}

type Problem = Exclude<Verdict, 'supported'>;
type Level = 'error' | 'warning' | 'note';

/**
 * One rule per verdict that asks for a look. Levels follow the editor's default severities
 * (`corroborate.severity.*`): contradicted, misquoted and misattributed are warnings, not errors,
 * because a corpus is never complete and a newer source may settle it the other way: the finding
 * asks an editor to look, it does not prove the draft wrong (the CLI's exit status 1 is the gate).
 * An unverified claim is a note: nothing in the corpus bears on it, which is no fault of the draft.
 */
const RULES: readonly { verdict: Problem; name: string; level: Level; short: string; full: string }[] = [
  {
    verdict: 'contradicted', name: 'Contradicted', level: 'warning',
    short: 'The sources contradict this claim.',
    full: 'A passage about the same subject gives a different figure, date, quantity, attribute or role.',
  },
  {
    verdict: 'misquoted', name: 'Misquoted', level: 'warning',
    short: 'The sources give this quotation in other words.',
    full: 'A quotation is close to one in the sources but worded differently.',
  },
  {
    verdict: 'misattributed', name: 'Misattributed', level: 'warning',
    short: 'The sources give this quotation to someone else.',
    full: 'The quotation is in the sources, said by someone other than the speaker the draft names.',
  },
  {
    verdict: 'unverified', name: 'Unverified', level: 'note',
    short: 'Nothing in the corpus confirms this claim.',
    full: 'Nothing in the corpus confirms the claim as written; the message says which fact is missing.',
  },
];

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/** The key of each result's `partialFingerprints`: a hash of its kind, verdict and words, and its occurrence. */
export const FINGERPRINT_KEY = 'claimTextHash/v1';

// The parts of SARIF 2.1.0 written here (the schema has many more).
interface Region { startLine: number; startColumn?: number; endLine?: number; endColumn?: number; snippet?: { text: string } }
interface ArtifactLocation { uri: string }
interface Location { id?: number; physicalLocation: { artifactLocation: ArtifactLocation; region: Region }; message?: { text: string } }
export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: Level;
  message: { text: string };
  locations: Location[];
  relatedLocations?: Location[];
  partialFingerprints: Record<string, string>;
  fixes?: { description: { text: string }; artifactChanges: { artifactLocation: ArtifactLocation; replacements: { deletedRegion: Region; insertedContent: { text: string } }[] }[] }[];
  properties?: { kind: Finding['kind'] };
}
export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: {
    tool: { driver: Record<string, unknown> & { name: string; rules: Record<string, unknown>[] } };
    columnKind: 'utf16CodeUnits';
    newlineSequences: string[];
    results: SarifResult[];
  }[];
}

export function toSarif(files: readonly SarifFile[], tool: SarifTool, opts: SarifOptions = {}): SarifLog {
  const helpUri = tool.informationUri ? new URL('#verdicts', tool.informationUri).href : undefined;
  const rules = RULES.map((r) => ({
    id: ruleId(r.verdict),
    name: r.name,
    shortDescription: { text: r.short },
    fullDescription: { text: r.full },
    ...(helpUri ? { helpUri } : {}),
    defaultConfiguration: { level: r.level },
  }));
  const results: SarifResult[] = [];
  for (const file of files) {
    const uri = artifactUri(file.path, opts.baseDir);
    const starts = file.text !== undefined ? lineStartsOf(file.text) : undefined;
    const seen = new Map<string, number>();
    for (const f of file.findings) {
      const index = RULES.findIndex((r) => r.verdict === f.verdict);
      if (f.kind === 'name' || index < 0) continue;
      const rule = RULES[index];
      const hash = fingerprintOf(f);
      const nth = (seen.get(hash) ?? 0) + 1;
      seen.set(hash, nth);
      const result: SarifResult = {
        ruleId: ruleId(rule.verdict),
        ruleIndex: index,
        level: rule.level,
        message: { text: oneLine(f.reason || rule.short) },
        locations: [{ physicalLocation: { artifactLocation: { uri }, region: { ...regionOf(f, starts), snippet: { text: f.text } } } }],
        partialFingerprints: { [FINGERPRINT_KEY]: `${hash}:${nth}` },
      };
      if (f.evidence.length) {
        result.relatedLocations = f.evidence.map((e, i) => ({
          id: i + 1,
          physicalLocation: { artifactLocation: { uri: artifactUri(e.path, opts.baseDir) }, region: { startLine: e.line } },
          message: { text: oneLine(e.quote) },
        }));
      }
      if (starts && f.fixes.length) {
        result.fixes = f.fixes.map((x) => ({
          description: { text: oneLine(x.title) },
          artifactChanges: [{ artifactLocation: { uri }, replacements: [{ deletedRegion: between(starts, x.start, x.end), insertedContent: { text: x.replacement } }] }],
        }));
      }
      result.properties = { kind: f.kind };
      results.push(result);
    }
  }
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: tool.name, version: tool.version, ...(tool.informationUri ? { informationUri: tool.informationUri } : {}), rules } },
      columnKind: 'utf16CodeUnits',
      // The engine's lines (lineStartsOf) end at CRLF, LF and a lone CR; SARIF's default is CRLF and LF only.
      newlineSequences: ['\r\n', '\n', '\r'],
      results,
    }],
  };
}

function ruleId(v: Problem): string { return `corroborate/${v}`; }

/**
 * Stable across runs and edits elsewhere in the draft: the claim's kind, verdict and words (white
 * space collapsed, so re-wrapping a paragraph keeps it), not its position.
 */
function fingerprintOf(f: Finding): string {
  const words = f.text.replace(/\s+/g, ' ').trim();
  return createHash('sha256').update(`${f.kind}\u0000${f.verdict}\u0000${words}`).digest('hex').slice(0, 32);
}

/** 1-based lines and columns; the end column is the one after the last character, as SARIF has it. */
function between(starts: number[], start: number, end: number): Region {
  const a = lineColAt(starts, start);
  const b = lineColAt(starts, end);
  return { startLine: a.line, startColumn: a.column, endLine: b.line, endColumn: b.column };
}

function regionOf(f: Finding, starts: number[] | undefined): Region {
  if (starts) return between(starts, f.start, f.end);
  // Without the draft's text, the finding's own text (the draft's characters from start to end) says where it ends.
  const inner = lineStartsOf(f.text);
  const last = inner[inner.length - 1];
  return inner.length === 1
    ? { startLine: f.line, startColumn: f.column, endLine: f.line, endColumn: f.column + f.text.length }
    : { startLine: f.line, startColumn: f.column, endLine: f.line + inner.length - 1, endColumn: f.text.length - last + 1 };
}

/**
 * A relative path becomes a relative URI reference with forward slashes, each segment
 * percent-encoded; a path outside `baseDir` (or absolute without one) a `file:` URI.
 */
function artifactUri(p: string, baseDir: string | undefined): string {
  let rel: string | undefined = p;
  if (baseDir) {
    const r = path.relative(baseDir, path.resolve(baseDir, p));
    rel = r && r !== '..' && !r.startsWith('..' + path.sep) && !path.isAbsolute(r) ? r : undefined;
  } else if (path.isAbsolute(p)) rel = undefined;
  if (rel === undefined) return pathToFileURL(path.resolve(baseDir ?? '', p)).href;
  return path.normalize(rel).split(path.sep).filter((s) => s && s !== '.').map(encodeURIComponent).join('/');
}
