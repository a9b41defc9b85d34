import { describe, expect, it } from 'vitest';
import { writeContext } from '../../../../electron/core/db/write-context';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('a write context', () => {
  it('carries its value through every await of the write, and to nested writes their own', async () => {
    const context = writeContext<string>();
    expect(context.current()).toBeUndefined();
    const seen = await context.run('outer', async () => {
      await tick();
      const inner = await context.run('inner', async () => {
        await tick();
        return context.current();
      });
      return [inner, context.current()];
    });
    expect(seen).toEqual(['inner', 'outer']);
    expect(context.current()).toBeUndefined();
  });

  it('keeps a write’s value while another write that overlapped it ends', async () => {
    const context = writeContext<string>();
    let endA!: () => void;
    const a = context.run('a', () => new Promise<void>((resolve) => (endA = resolve)));
    const b = context.run('b', async () => {
      await tick();
      endA();
      await a;
      await tick();
      return context.current();
    });
    expect(await b).toBe('b');
  });

  it('is off once no write is open: work a write left running then sees no write', async () => {
    const context = writeContext<string>();
    let leftover!: Promise<string | undefined>;
    await context.run('a', async () => {
      leftover = tick()
        .then(tick)
        .then(() => context.current());
    });
    // A storage left on would still hand 'a' (a committed transaction) to that work.
    expect(await leftover).toBeUndefined();
  });
});
