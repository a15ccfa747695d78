import { describe, expect, it } from 'vitest';
import { parseOnFailure } from './on-failure.js';

describe('on-failure values', () => {
  it.each([
    ['ABORT', { action: 'ABORT' }],
    ['CONTINUE', { action: 'CONTINUE' }],
    ['RETRY', { action: 'RETRY', retries: 3 }],
    ['RETRY-0', { action: 'RETRY', retries: 0 }],
    ['RETRY-100', { action: 'RETRY', retries: 100 }],
    ['RETRY-Error: Unable to connect', { action: 'RETRY', retries: 3, pattern: 'Error: Unable to connect' }],
    ['RETRY-.+', { action: 'RETRY', retries: 3, pattern: '.+' }],
    ['RETRY-4-time(d)? out', { action: 'RETRY', retries: 4, pattern: 'time(d)? out' }],
  ])('%s', (text, expected) => expect(parseOnFailure(text)).toEqual(expected));

  it.each(['abort', 'RETRY-101', 'RETRY-(', 'RETRY-2-', 'STOP'])('rejects %s', (text) => {
    expect(parseOnFailure(text)).toHaveProperty('error');
  });
});
