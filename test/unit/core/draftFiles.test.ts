import { strict as assert } from 'node:assert';
import { DEFAULT_DRAFT_EXCLUDE, excludeWithCorpus, joinGlobs } from '../../../src/core/draftFiles';

describe('which files are drafts', () => {
  it('excludes the corpus paths: relative folders and globs, and absolute paths inside the workspace', () => {
    const ex = excludeWithCorpus(DEFAULT_DRAFT_EXCLUDE, ['corpus/', './wire/*.jsonl', '/ws/archive', '/elsewhere/corpus', '../outside'], '/ws');
    for (const g of ['corpus', 'corpus/**', 'wire/*.jsonl', 'archive', 'archive/**']) assert.ok(ex.includes(g), `${g} in ${ex.join(', ')}`);
    assert.ok(!ex.some((g) => g.includes('elsewhere') || g.includes('..')), 'paths outside the folder exclude nothing in it');
    assert.deepEqual(ex.slice(0, DEFAULT_DRAFT_EXCLUDE.length), [...DEFAULT_DRAFT_EXCLUDE]);
  });
  it('joins globs for APIs that take one pattern', () => {
    assert.equal(joinGlobs([]), undefined);
    assert.equal(joinGlobs(['**/*.md']), '**/*.md');
    assert.equal(joinGlobs(['a/**', 'b/**']), '{a/**,b/**}');
  });
});
