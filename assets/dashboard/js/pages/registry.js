// @ts-check
// The registry: its repositories with their settings (tag mutability, scan on push, lifecycle
// policy) and how many images each holds; live as images are pushed and deleted.
import { read } from '../api.js';
import { ago, h, path } from '../dom.js';
import { table } from '../table.js';

/** @type {import('../routes.js').Page} */
export function registryPage(_params, app) {
  return {
    wants: (notice) => notice.kind === 'registry',
    render: async () => {
      app.title('Registry');
      const { repositories } = await read('/registry');
      return [
        h('h1', { tabindex: '-1' }, 'Registry'),
        h('p', { class: 'meta' }, 'Images are pushed to and pulled from ', h('code', {}, app.overview.registryHost ?? 'the registry'), '.'),
        table({
          caption: 'Repositories',
          items: repositories,
          empty: 'No repositories yet.',
          rowKey: (/** @type {any} */ repository) => repository.name,
          columns: [
            ['Repository', (/** @type {any} */ repository) => h('a', { href: path('registry', repository.name), 'data-key': `repository-${repository.name}` }, repository.name)],
            ['URI', (/** @type {any} */ repository) => h('code', {}, repository.uri)],
            ['Images', (/** @type {any} */ repository) => repository.imageCount],
            ['Tag mutability', (/** @type {any} */ repository) => repository.imageTagMutability],
            ['Scan on push', (/** @type {any} */ repository) => (repository.scanOnPush ? 'Yes' : 'No')],
            ['Lifecycle policy', (/** @type {any} */ repository) => (repository.lifecyclePolicy ? 'Yes' : 'None')],
            ['Created', (/** @type {any} */ repository) => ago(repository.createdAt)],
          ],
        }),
      ];
    },
  };
}
