// The JSON report: the CLI's `--format json` and the editor's Export Report write the same shape
// (documented in the README), version 1.
import type { Finding } from '../types';

export interface JsonReport {
  version: 1;
  corpus: { articles: number };
  files: { path: string; findings: Record<string, unknown>[] }[];
}

export function findingJson(f: Finding): Record<string, unknown> {
  const o: Record<string, unknown> = { kind: f.kind, text: f.text, start: f.start, end: f.end, line: f.line, column: f.column, verdict: f.verdict };
  if (f.entity) o.entity = f.entity;
  if (f.speaker) o.speaker = f.speaker;
  if (f.reason) o.reason = f.reason;
  o.evidence = f.evidence.map((e) => ({ source: e.sourceId, title: e.title, quote: e.quote, line: e.line, ...(e.outlet ? { outlet: e.outlet } : {}), ...(e.date ? { date: e.date } : {}) }));
  if (f.fixes.length) o.fixes = f.fixes.map((x) => ({ title: x.title, start: x.start, end: x.end, replacement: x.replacement }));
  if (f.facts) o.facts = f.facts;
  if (f.reading) o.reading = f.reading;
  return o;
}

export function jsonReport(files: { path: string; findings: Finding[] }[], articles: number): JsonReport {
  return { version: 1, corpus: { articles }, files: files.map((r) => ({ path: r.path, findings: r.findings.map(findingJson) })) };
}
