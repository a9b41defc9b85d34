import type { ChannelName } from './channel-names';
import type { InputOf, OutputOf } from './channels';
import type { Result } from './errors';
import type { PoolerEvent } from './events';

type GroupOf<C> = C extends `${infer G}.${string}` ? G : never;
type MethodOf<C, G extends string> = C extends `${G}.${infer M}` ? M : never;
type Group = GroupOf<ChannelName>;
type ChannelOf<G extends string, M extends string> = `${G}.${M}` & ChannelName;

/** What the preload exposes as `window.pooler`: one named function per channel, returning a Result. */
export type PreloadBridge = {
  [G in Group]: {
    [M in MethodOf<ChannelName, G>]: (input: InputOf<ChannelOf<G, M>>) => Promise<Result<OutputOf<ChannelOf<G, M>>>>;
  };
} & {
  /** Receive every core event; returns the unsubscribe function. */
  subscribe(listener: (event: PoolerEvent) => void): () => void;
};

/** What renderer code calls: the same shape, but resolving to data and throwing ApiError. */
export type PoolerApi = {
  [G in Group]: {
    [M in MethodOf<ChannelName, G>]: (input: InputOf<ChannelOf<G, M>>) => Promise<OutputOf<ChannelOf<G, M>>>;
  };
};
