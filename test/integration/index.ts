// Entry point VS Code calls in the extension host (extensionTestsPath = out/test/integration):
// runs every compiled *.test.js in this folder with mocha and settles when the run ends.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60000, reporter: 'spec' });
  for (const file of fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()) {
    mocha.addFile(path.join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        // The code-server launcher (scripts/test-host.mjs) reads this line for "N passed, N failed".
        console.log(`CORROBORATE_RESULT ${JSON.stringify({ passed: runner.stats?.passes ?? 0, failed: failures })}`);
        if (failures) reject(new Error(`${failures} extension-host test(s) failed`));
        else resolve();
      });
    } catch (e) {
      reject(e);
    }
  });
}
