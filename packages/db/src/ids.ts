import { uuidv7 } from 'uuidv7';

/** Time-ordered ids: good for keyset order, merges, imports and later sharding. */
export function newId(): string {
  return uuidv7();
}
