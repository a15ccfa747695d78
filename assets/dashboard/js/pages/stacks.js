// @ts-check
// The local stacks with their status, live as stack events arrive.
import { read } from '../api.js';
import { ago, h, path } from '../dom.js';
import { badge } from '../status.js';
import { table } from '../table.js';

/** @type {import('../routes.js').Page} */
export function stacksPage(_params, app) {
  return {
    wants: (notice) => notice.kind === 'stack',
    render: async () => {
      app.title('Stacks');
      const { stacks } = await read('/stacks');
      return [
        h('h1', { tabindex: '-1' }, 'Stacks'),
        table({
          caption: 'Stacks',
          items: stacks,
          empty: 'No stacks yet. slipway up makes one from slipway.yml or --template; slipway stack create makes others.',
          rowKey: (/** @type {any} */ stack) => stack.name,
          columns: [
            ['Stack', (/** @type {any} */ stack) => h('a', { href: path('stacks', stack.name), 'data-key': `stack-${stack.name}` }, stack.name)],
            ['Status', (/** @type {any} */ stack) => badge(stack.status)],
            ['Reason', (/** @type {any} */ stack) => stack.reason ?? ''],
            ['Created', (/** @type {any} */ stack) => ago(stack.createdAt)],
            ['Updated', (/** @type {any} */ stack) => (stack.updatedAt ? ago(stack.updatedAt) : '')],
            ['Nested in', (/** @type {any} */ stack) => (stack.parentStackId ? h('code', {}, stack.parentStackId.split('/')[1] ?? stack.parentStackId) : '')],
          ],
        }),
      ];
    },
  };
}
