// Entry point VS Code calls in the extension host (extensionTestsPath): runs the mocha suite.
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60000, reporter: 'spec' });
  mocha.addFile(path.join(__dirname, 'extension.test.js'));
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      // The launcher reads this line to print "N passed, N failed".
      console.log(`CORROBORATE_RESULT ${JSON.stringify({ passed: runner.stats?.passes ?? 0, failed: failures })}`);
      if (failures) reject(new Error(`${failures} extension-host test(s) failed`));
      else resolve();
    });
  });
}
