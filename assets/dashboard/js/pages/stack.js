// @ts-check
// One stack: status, parameters (NoEcho values hidden), outputs, resources with their status,
// and its events, newest first (DescribeStacks, DescribeStackResources, DescribeStackEvents).
import { read } from '../api.js';
import { ago, dateTime, h, path } from '../dom.js';
import { badge } from '../status.js';
import { facts, table } from '../table.js';

/** @type {import('../routes.js').Page} */
export function stackPage([name], app) {
  return {
    wants: (notice) => notice.kind === 'stack' && notice.stackName === name,
    render: async () => {
      app.title(name);
      const stack = await read(path('stacks', name));
      const section = (/** @type {string} */ id, /** @type {string} */ title, /** @type {Node} */ content) => h('section', { 'aria-labelledby': id }, h('h2', { id }, title), content);
      return [
        h('p', { class: 'crumbs' }, h('a', { href: '/stacks' }, 'Stacks')),
        h('h1', { tabindex: '-1' }, stack.name),
        facts([['Status', badge(stack.status)], ['Reason', stack.reason], ['Description', stack.description], ['Created', dateTime(stack.createdAt)], ['Updated', stack.updatedAt ? dateTime(stack.updatedAt) : undefined]]),
        section('resources-title', 'Resources', table({
          caption: 'Resources', items: stack.resources, empty: 'No resources.', rowKey: (/** @type {any} */ r) => r.logicalId,
          columns: [['Logical id', (r) => r.logicalId], ['Physical id', (r) => (r.physicalId ? h('code', {}, r.physicalId) : '')], ['Type', (r) => r.type], ['Status', (r) => badge(r.status)], ['Reason', (r) => r.reason ?? '']],
        })),
        section('outputs-title', 'Outputs', table({
          caption: 'Outputs', items: stack.outputs, empty: 'No outputs.',
          columns: [['Key', (o) => o.key], ['Value', (o) => h('code', { class: 'value' }, o.value)], ['Description', (o) => o.description ?? ''], ['Export name', (o) => o.exportName ?? '']],
        })),
        section('parameters-title', 'Parameters', table({
          caption: 'Parameters', items: stack.parameters, empty: 'No parameters.',
          columns: [['Key', (p) => p.key], ['Value', (p) => (p.noEcho ? h('span', { class: 'masked', title: 'NoEcho: the value is not shown' }, p.value) : h('code', { class: 'value' }, p.value))]],
        })),
        section('events-title', 'Events', table({
          caption: 'Events, newest first', items: stack.events, empty: 'No events.',
          columns: [['Time', (e) => ago(e.time)], ['Logical id', (e) => e.logicalId], ['Type', (e) => e.type], ['Status', (e) => badge(e.status)], ['Reason', (e) => e.reason ?? '']],
        })),
      ];
    },
  };
}
