import { describe, expect, it } from '@jest/globals';
import { canonicalEntry, GENESIS_HASH, hashAnchor, hashEntry, type HashedFields } from './hash-entry.js';

const entry: HashedFields = {
  chainId: 'doc:1',
  chainSeq: 1,
  at: new Date('2026-01-05T02:03:04.567Z'),
  actorId: 'u1',
  actorName: 'Lê Thị Hà',
  actorPosition: 'Chuyên viên',
  action: 'submit',
  documentId: 'd1',
  numberSymbol: null,
  subject: 'Chuyển đổi số',
  fromState: 'drafting',
  toState: 'review',
  fromStep: 'drafting',
  toStep: 'contentReview',
  comment: null,
  requestId: 'r1',
  clientIp: '127.0.0.1',
  userAgent: 'jest',
};

describe('the hash chain', () => {
  it('has a canonical form that names every field in order', () => {
    expect(canonicalEntry(entry)).toBe(
      '[1,"doc:1",1,"2026-01-05T02:03:04.567Z","u1","Lê Thị Hà","Chuyên viên","submit","d1",null,"Chuyển đổi số","drafting","review","drafting","contentReview",null,"r1","127.0.0.1","jest"]',
    );
  });

  it('writes an entry made on behalf of someone as version 2, that person last', () => {
    const onBehalf = { ...entry, onBehalfOfId: 'u9', onBehalfOfName: 'Trần Văn Nam' };
    expect(canonicalEntry(onBehalf)).toBe(
      '[2,"doc:1",1,"2026-01-05T02:03:04.567Z","u1","Lê Thị Hà","Chuyên viên","submit","d1",null,"Chuyển đổi số","drafting","review","drafting","contentReview",null,"r1","127.0.0.1","jest","u9","Trần Văn Nam"]',
    );
    // Without it, version 1 as before: earlier entries keep their hashes.
    expect(canonicalEntry({ ...entry, onBehalfOfId: null, onBehalfOfName: null })).toBe(canonicalEntry(entry));
    expect(hashEntry(GENESIS_HASH, onBehalf)).not.toBe(hashEntry(GENESIS_HASH, entry));
    expect(hashEntry(GENESIS_HASH, { ...onBehalf, onBehalfOfName: 'x' })).not.toBe(hashEntry(GENESIS_HASH, onBehalf));
  });

  it('is SHA-256 over the previous hash and the entry', () => {
    const h = hashEntry(GENESIS_HASH, entry);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(hashEntry(GENESIS_HASH, { ...entry })).toBe(h);
  });

  it.each(Object.keys(entry) as Array<keyof HashedFields>)('changes when %s changes', (field) => {
    const changed = { ...entry, [field]: field === 'at' ? new Date(entry.at.getTime() + 1) : field === 'chainSeq' ? 2 : 'x' };
    expect(hashEntry(GENESIS_HASH, changed)).not.toBe(hashEntry(GENESIS_HASH, entry));
  });

  it('changes when the previous hash changes', () => {
    expect(hashEntry('f'.repeat(64), entry)).not.toBe(hashEntry(GENESIS_HASH, entry));
  });

  it('seals anchors whatever the order of the heads', () => {
    const heads = [
      { chainId: 'b', seq: 2, hash: 'h2' },
      { chainId: 'a', seq: 5, hash: 'h1' },
    ];
    expect(hashAnchor(GENESIS_HASH, heads)).toBe(hashAnchor(GENESIS_HASH, [...heads].reverse()));
    expect(hashAnchor(GENESIS_HASH, heads)).not.toBe(hashAnchor(GENESIS_HASH, heads.slice(1)));
  });
});
