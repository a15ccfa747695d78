import { describe, expect, it } from 'vitest';
import { parseRemoteUrl } from './remote-url.js';

describe('reading a Git remote URL', () => {
  it.each([
    ['https://github.com/acme/widget.git', { provider: 'github', owner: 'acme', repository: 'widget' }],
    ['https://github.com/acme/widget', { provider: 'github', owner: 'acme', repository: 'widget' }],
    ['git@github.com:acme/widget.git', { provider: 'github', owner: 'acme', repository: 'widget' }],
    ['ssh://git@github.com/acme/widget.git', { provider: 'github', owner: 'acme', repository: 'widget' }],
    ['https://gitlab.example.com/group/sub/widget.git', { provider: 'other', owner: 'group/sub', repository: 'widget' }],
    ['https://git-codecommit.eu-west-1.amazonaws.com/v1/repos/widget', { provider: 'codecommit', repository: 'widget', region: 'eu-west-1' }],
    ['ssh://APKAEIBAERJR2EXAMPLE@git-codecommit.us-east-2.amazonaws.com/v1/repos/widget', { provider: 'codecommit', repository: 'widget', region: 'us-east-2' }],
    ['codecommit::ap-south-1://widget', { provider: 'codecommit', repository: 'widget', region: 'ap-south-1' }],
  ])('%s', (url, expected) => {
    expect(parseRemoteUrl(url)).toEqual(expected);
  });

  it('names no repository for a local path', () => {
    expect(parseRemoteUrl('file:///srv/git/widget.git')).toBeUndefined();
    expect(parseRemoteUrl('widget')).toBeUndefined();
  });
});
