// Summarises a V8 .cpuprofile: self time per function, with bundled locations mapped back to the
// source module through esbuild's `// path/to/file.ts` section comments.
//   node bench/profile.mjs file.cpuprofile [top]
import { promises as fs, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const sectionsCache = new Map();
/** Line -> module path for an esbuild bundle (sections start with a `// path` comment). */
function moduleAt(url, line) {
  if (!url.startsWith('file://') || !url.endsWith('.js')) return undefined;
  let sections = sectionsCache.get(url);
  if (!sections) {
    sections = [];
    try {
      readFileSync(fileURLToPath(url), 'utf8').split('\n').forEach((l, i) => {
        const m = /^\/\/ ((?:src|bench|node_modules)\/\S+)$/.exec(l);
        if (m) sections.push([i, m[1]]);
      });
    } catch { /* not readable */ }
    sectionsCache.set(url, sections);
  }
  let lo = 0, hi = sections.length - 1, best;
  while (lo <= hi) { const mid = (lo + hi) >> 1; if (sections[mid][0] <= line) { best = sections[mid][1]; lo = mid + 1; } else hi = mid - 1; }
  return best;
}

export async function summariseProfile(file, top = 15) {
  const prof = JSON.parse(await fs.readFile(file, 'utf8'));
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const self = new Map();
  let total = 0;
  prof.samples.forEach((id, i) => {
    const dt = prof.timeDeltas[i] ?? 0;
    total += dt;
    self.set(id, (self.get(id) ?? 0) + dt);
  });
  const agg = new Map();
  for (const [id, us] of self) {
    const cf = byId.get(id).callFrame;
    const fn = cf.functionName || (cf.url ? '(anonymous)' : `(${cf.functionName || 'program'})`);
    const mod = moduleAt(cf.url, cf.lineNumber) ?? (cf.url ? cf.url.replace(/^.*node_modules\//, 'node_modules/').replace(/^file:\/\/.*\/bench\//, 'bench/') : '');
    const key = `${fn}\u0000${mod}`;
    agg.set(key, (agg.get(key) ?? 0) + us);
  }
  return [...agg.entries()].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, us]) => {
    const [fn, where] = k.split('\u0000');
    return { fn, where, selfMs: us / 1000, selfPct: (100 * us) / (total || 1) };
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const rows = await summariseProfile(process.argv[2], Number(process.argv[3] ?? 25));
  for (const r of rows) console.log(`${r.selfPct.toFixed(1).padStart(5)}%  ${r.selfMs.toFixed(0).padStart(7)} ms  ${r.fn}  ${r.where}`);
}
