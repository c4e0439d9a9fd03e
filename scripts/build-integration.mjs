// Compiles the extension-host suite (test/integration/*.ts) to out/test/integration/*.js.
import * as esbuild from 'esbuild';
import { readdirSync } from 'node:fs';

const entries = readdirSync('test/integration').filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')).map((f) => `test/integration/${f}`);
await esbuild.build({
  entryPoints: entries, outdir: 'out/test/integration', bundle: true, platform: 'node', format: 'cjs', target: 'node18',
  external: ['vscode', 'mocha'], sourcemap: true, logLevel: 'warning',
});
