// The words of deploy's progress lines.
import { describe, expect, it } from 'vitest';
import { eventText } from '../../src/deploy/progress-text.js';

describe('eventText', () => {
  it('names the change set type with its article', () => {
    expect(eventText({ at: '2026-01-02T03:04:05Z', type: 'changeset.creating', stackName: 'shop', changeSetType: 'CREATE' })).toEqual(['creating a CREATE change set for shop']);
    expect(eventText({ at: '2026-01-02T03:04:05Z', type: 'changeset.creating', stackName: 'shop', changeSetType: 'UPDATE' })).toEqual(['creating an UPDATE change set for shop']);
  });
});
