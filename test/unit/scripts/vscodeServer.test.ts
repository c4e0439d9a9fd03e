// The environment of the npm installs that the real-VS-Code tiers run (Node 24, code-server).
import * as assert from 'node:assert/strict';

describe('code-server install environment', () => {
  // Loaded lazily: the module is an ES module script, outside the TypeScript build.
  const script = '../../../scripts/lib/vscodeServer.mjs';
  const load = () => import(script) as Promise<{ childInstallEnv: (base: Record<string, string>, extra?: Record<string, string>) => Record<string, string> }>;

  it("drops what describes the outer npm and Node (as under `npm test`), keeps the user's npm settings", async () => {
    const { childInstallEnv } = await load();
    const outer = {
      PATH: '/usr/bin', HOME: '/root',
      npm_config_user_agent: 'npm/11.19.1 node/v20.20.2 linux x64 workspaces/false',
      npm_config_nodedir: '/usr', npm_config_prefix: '/usr', npm_config_local_prefix: '/work/main',
      npm_config_node_gyp: '/usr/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js',
      npm_lifecycle_event: 'test:host', npm_package_name: 'corroborate', npm_execpath: '/usr/lib/npm-cli.js',
      npm_node_execpath: '/usr/bin/node', NODE: '/usr/bin/node', INIT_CWD: '/work/main',
      npm_config_cache: '/tmp/empty-npm-cache', npm_config_registry: 'https://registry.npmjs.org/', npm_config_cafile: '/etc/ssl/ca.crt',
    };
    const env = childInstallEnv(outer, { npm_config_nodedir: '/cache/node24' });
    for (const k of ['npm_config_user_agent', 'npm_config_prefix', 'npm_config_local_prefix', 'npm_config_node_gyp', 'npm_lifecycle_event', 'npm_package_name', 'npm_execpath', 'npm_node_execpath', 'NODE', 'INIT_CWD']) {
      assert.ok(!(k in env), `${k} leaks into the child install`);
    }
    assert.equal(env.npm_config_nodedir, '/cache/node24');
    assert.equal(env.npm_config_cache, '/tmp/empty-npm-cache');
    assert.equal(env.npm_config_registry, 'https://registry.npmjs.org/');
    assert.equal(env.PATH, '/usr/bin');
  });
});
