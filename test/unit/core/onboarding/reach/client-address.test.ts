import { describe, expect, it } from 'vitest';
import {
  clientAddress,
  TRUST_NOBODY,
  trustAddress,
  trustLoopback,
} from '../../../../../electron/core/onboarding/reach/client-address';

describe('the invitee’s address', () => {
  it('is the peer when the peer is not trusted, whatever the headers say', () => {
    const headers = { 'x-forwarded-for': '203.0.113.9', 'cf-connecting-ip': '203.0.113.8' };
    expect(clientAddress('127.0.0.1', headers, TRUST_NOBODY)).toBe('127.0.0.1');
    expect(clientAddress('::ffff:10.0.0.5', headers, trustAddress('10.0.0.1'))).toBe('10.0.0.5');
  });

  it('from a trusted peer: Cloudflare’s header first, else the last X-Forwarded-For hop', () => {
    const loopback = trustLoopback();
    expect(
      clientAddress('127.0.0.1', { 'cf-connecting-ip': '203.0.113.8', 'x-forwarded-for': '1.1.1.1' }, loopback),
    ).toBe('203.0.113.8');
    expect(clientAddress('::1', { 'x-forwarded-for': '198.51.100.1, 203.0.113.7' }, loopback)).toBe('203.0.113.7');
    expect(clientAddress('::ffff:10.0.0.1', { 'x-forwarded-for': '2001:db8::1' }, trustAddress('10.0.0.1'))).toBe(
      '2001:db8::1',
    );
  });

  it('falls back to the peer when a trusted header is not an address', () => {
    expect(clientAddress('127.0.0.1', { 'x-forwarded-for': 'unknown' }, trustLoopback())).toBe('127.0.0.1');
    expect(clientAddress('127.0.0.1', { 'cf-connecting-ip': '<script>' }, trustLoopback())).toBe('127.0.0.1');
  });
});
