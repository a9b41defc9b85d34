import { describe, expect, it } from 'vitest';
import { notifyAlerts } from '../../../electron/main/alert-notifications';
import type { PoolerEvent, RaisedAlert } from '../../../shared/contract';
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

const alert = (overrides: Partial<RaisedAlert> = {}): PoolerEvent => ({
  name: 'alerts.raised',
  payload: {
    kind: 'relink_needed',
    count: 1,
    title: 'An account needs relinking',
    body: 'bob@example.com must sign in again: its refresh token no longer works.',
    link: '/upstreams?account=upstream-1',
    poolIds: ['pool-1'],
    ...overrides,
  },
});

describe('desktop notifications for alerts', () => {
  it('show each alert, and nothing else; a click opens the console at its link', () => {
    const stub = createElectronStub('/tmp');
    const events = eventSource();
    const opened: string[] = [];
    const stop = notifyAlerts(events, stub.electron.Notification, (link) => opened.push(link));
    events.emit({ name: 'pools.changed', payload: { poolId: 'pool-1' } });
    events.emit(alert());
    expect(stub.notifications).toEqual([
      {
        title: 'An account needs relinking',
        body: 'bob@example.com must sign in again: its refresh token no longer works.',
      },
    ]);
    stub.shown[0]!.click();
    expect(opened).toEqual(['/upstreams?account=upstream-1']);
    stop();
    events.emit(alert());
    expect(stub.notifications).toHaveLength(1);
  });

  it('never follows a link that is not an in-app route', () => {
    const stub = createElectronStub('/tmp');
    const events = eventSource();
    const opened: string[] = [];
    notifyAlerts(events, stub.electron.Notification, (link) => opened.push(link));
    events.emit(alert({ link: 'https://evil.example/' }));
    events.emit(alert({ link: '/upstreams?account=x");alert(1);("' }));
    for (const n of stub.shown) n.click();
    expect(opened).toEqual(['/', '/']);
  });
});
