import slugify from 'slugify';

const SLUG_MAX = 60;

/** A URL-safe `[a-z0-9-]` slug; names with no Latin letters fall back to "pool". */
export function baseSlug(name: string): string {
  const slug = slugify(name, { lower: true, strict: true, trim: true }).slice(0, SLUG_MAX).replace(/-+$/, '');
  return slug || 'pool';
}

/** The base slug, or base-2, base-3, … — the first one `taken` rejects. */
export function uniqueSlug(name: string, taken: (slug: string) => boolean): string {
  const base = baseSlug(name);
  if (!taken(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken(candidate)) return candidate;
  }
}
