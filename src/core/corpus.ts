import type { Source, Passage, Entity } from './types';
/** The indexed corpus: sources split into passages, entities with aliases, a retrieval index. */
export class Corpus {
  sources: Source[] = [];
  passages: Passage[] = [];
  entities: Entity[] = [];
  getSource(id: string): Source | undefined { return undefined; }
  getEntity(id: string): Entity | undefined { return undefined; }
}
export function buildCorpus(sources: Source[]): Corpus { throw new Error('todo'); }
