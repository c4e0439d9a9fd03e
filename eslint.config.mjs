// Lint rules that guard the architecture: the engine in src/core never imports the editor API, and
// its stages (analysis → corpus → verdicts → workflow, report and archive → engine) each import only
// the ones below them.
import tseslint from 'typescript-eslint';

const noVscode = { name: 'vscode', message: 'src/core is the editor-free engine: convert in src/editor instead.' };
/** The rule for one stage: it may not import the stages listed (those above it). */
const stage = (dir, above) => ({
  files: [`src/core/${dir}/**/*.ts`],
  rules: {
    'no-restricted-imports': ['error', {
      paths: [noVscode],
      patterns: above.length ? [{ group: above.map((a) => `../${a}/*`), message: `src/core/${dir} is below ${above.join(', ')}: move the shared helper down or take a function instead.` }] : [],
    }],
  },
});

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'scratch/**', '.cache/**'] },
  {
    files: ['src/**/*.ts'],
    languageOptions: { parser: tseslint.parser },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      '@typescript-eslint/no-unused-vars': ['warn', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noVscode] }] },
  },
  stage('analysis', ['corpus', 'verdicts', 'workflow', 'report', 'archive', 'engine']),
  stage('corpus', ['verdicts', 'workflow', 'report', 'archive', 'engine']),
  stage('verdicts', ['workflow', 'report', 'archive', 'engine']),
  stage('workflow', ['report', 'archive', 'engine']),
  stage('report', ['workflow', 'archive', 'engine']),
  stage('archive', ['workflow', 'report', 'engine']),
);
