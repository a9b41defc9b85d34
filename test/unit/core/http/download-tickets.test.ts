import { describe, expect, it } from 'vitest';
import type { Download } from '../../../../electron/core';
import { createDownloadTickets } from '../../../../electron/core/http/download-tickets';

const file: Download = { fileName: 'a.csv', contentType: 'text/csv', title: 'Export', write: async () => 0 };

describe('download tickets', () => {
  it('names a download once, with an unguessable ticket', () => {
    const tickets = createDownloadTickets();
    const first = tickets.issue(file);
    const second = tickets.issue(file);
    expect(first).toMatch(/^[\w-]{43}$/);
    expect(second).not.toBe(first);
    expect(tickets.take(first)).toBe(file);
    expect(tickets.take(first)).toBeNull();
    expect(tickets.take('made-up')).toBeNull();
  });

  it('expires after a minute, used or not', () => {
    let now = 1_000_000;
    const tickets = createDownloadTickets(() => now);
    const late = tickets.issue(file);
    const onTime = tickets.issue(file);
    now += 59_999;
    expect(tickets.take(onTime)).toBe(file);
    now += 1;
    expect(tickets.take(late)).toBeNull();
  });
});
