// @ts-check
// One repository: its settings, its images (tags, digest, size, push time, the `docker pull`
// command to copy), its lifecycle policy and what that policy would expire now.
import { read } from '../api.js';
import { ago, dateTime, h, path, size } from '../dom.js';
import { copyButton } from '../copy-button.js';
import { facts, table } from '../table.js';

/** @type {import('../routes.js').Page} */
export function repositoryPage([name], app) {
  return {
    wants: (notice) => notice.kind === 'registry' && notice.repositoryName === name,
    render: async () => {
      app.title(name);
      const repository = await read(path('registry', name));
      return [
        h('p', { class: 'crumbs' }, h('a', { href: '/registry' }, 'Registry')),
        h('h1', { tabindex: '-1' }, repository.name),
        facts([
          ['URI', h('code', {}, repository.uri)], ['Tag mutability', repository.imageTagMutability], ['Scan on push', repository.scanOnPush ? 'Yes' : 'No'],
          ['Encryption', repository.encryptionType], ['Created', dateTime(repository.createdAt)],
        ]),
        h('section', { 'aria-labelledby': 'images-title' }, h('h2', { id: 'images-title' }, 'Images'), table({
          caption: 'Images, newest push first',
          items: repository.images,
          empty: 'No images yet.',
          rowKey: (/** @type {any} */ image) => image.digest,
          columns: [
            ['Tags', (/** @type {any} */ image) => (image.tags.length ? h('ul', { class: 'tags' }, image.tags.map((/** @type {string} */ tag) => h('li', { class: 'tag' }, tag))) : h('span', { class: 'untagged' }, 'untagged'))],
            ['Digest', (/** @type {any} */ image) => h('code', { title: image.digest }, `${image.digest.slice(0, 19)}…`)],
            ['Size', (/** @type {any} */ image) => size(image.sizeInBytes)],
            ['Pushed', (/** @type {any} */ image) => ago(image.pushedAt)],
            ['Pull', (/** @type {any} */ image) => h('span', { class: 'pull' }, h('code', {}, image.pull), copyButton(image.pull, `the pull command of ${image.tags[0] ?? image.digest}`))],
          ],
        })),
        h('section', { 'aria-labelledby': 'lifecycle-title' }, h('h2', { id: 'lifecycle-title' }, 'Lifecycle policy'), ...lifecycle(repository)),
      ];
    },
  };
}

/** @param {any} repository */
function lifecycle(repository) {
  if (!repository.lifecyclePolicy) return [h('p', { class: 'empty' }, 'No lifecycle policy: images are kept until they are deleted.')];
  return [
    h('pre', { class: 'policy', tabindex: '0', 'aria-label': 'Lifecycle policy text' }, JSON.stringify(JSON.parse(repository.lifecyclePolicy), null, 2)),
    h('h3', {}, 'Preview: what the policy would expire now'),
    table({
      caption: 'Images the lifecycle policy would expire',
      items: repository.lifecyclePreview ?? [],
      empty: 'The policy would expire no image now.',
      columns: [
        ['Tags', (/** @type {any} */ result) => result.imageTags.join(', ') || 'untagged'],
        ['Digest', (/** @type {any} */ result) => h('code', { title: result.imageDigest }, `${result.imageDigest.slice(0, 19)}…`)],
        ['Pushed', (/** @type {any} */ result) => ago(result.imagePushedAt)],
        ['Rule', (/** @type {any} */ result) => `priority ${result.appliedRulePriority}`],
      ],
    }),
  ];
}
