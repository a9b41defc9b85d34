import { describe, expect, it } from 'vitest';
import { baseSlug, uniqueSlug } from '../../../../electron/core/pools/pool-names';
import { poolNameKey } from '../../../../shared/contract';

describe('Pool names', () => {
  it('treats case, repeated spaces and compatibility forms as the same name', () => {
    expect(poolNameKey('Research  Lab')).toBe(poolNameKey('research lab'));
    expect(poolNameKey('ＲＥＳＥＡＲＣＨ')).toBe(poolNameKey('research'));
    expect(poolNameKey('Équipe')).toBe(poolNameKey('ÉQUIPE'));
    expect(poolNameKey('Research')).not.toBe(poolNameKey('Researches'));
  });

  it('makes URL-safe slugs', () => {
    expect(baseSlug('Growth experiments')).toBe('growth-experiments');
    expect(baseSlug('R&D "core" team!')).toBe('randd-core-team');
    expect(baseSlug('Équipe Zürich')).toBe('equipe-zurich');
    expect(baseSlug('Платформа')).toBe('platforma');
    expect(baseSlug('研究')).toBe('pool');
    expect(baseSlug('x'.repeat(200))).toHaveLength(60);
  });

  it('suffixes a slug until it is free', () => {
    const taken = new Set(['research', 'research-2']);
    expect(uniqueSlug('Research', (s) => taken.has(s))).toBe('research-3');
    expect(uniqueSlug('Other', (s) => taken.has(s))).toBe('other');
  });
});
