import { describe, expect, it } from 'vitest';
import { notifyAcceptances } from '../../../electron/main/acceptance-notifications';
import type { PoolerEvent } from '../../../shared/contract';
import { createElectronStub } from '../../support/electron-stub';

function eventSource() {
  let listener: ((event: PoolerEvent) => void) | null = null;
  return {
    subscribe(l: (event: PoolerEvent) => void) {
      listener = l;
      return () => (listener = null);
    },
    emit: (event: PoolerEvent) => listener?.(event),
  };
}

describe('desktop notifications', () => {
  it('announce an accepted invite, and nothing else', () => {
    const stub = createElectronStub('/tmp');
    const events = eventSource();
    const stop = notifyAcceptances(events, stub.electron.Notification);
    events.emit({ name: 'pools.changed', payload: { poolId: 'pool-1' } });
    events.emit({
      name: 'invites.accepted',
      payload: {
        inviteId: 'invite-1',
        kind: 'invite',
        upstreamId: 'upstream-1',
        email: 'bob@example.com',
        poolName: 'Research',
      },
    });
    expect(stub.notifications).toEqual([
      { title: 'Codex account connected', body: 'bob@example.com joined the Pool Research.' },
    ]);
    stop();
    events.emit({
      name: 'invites.accepted',
      payload: {
        inviteId: 'invite-2',
        kind: 'invite',
        upstreamId: 'upstream-2',
        email: 'eve@example.com',
        poolName: 'Research',
      },
    });
    expect(stub.notifications).toHaveLength(1);
  });
});
