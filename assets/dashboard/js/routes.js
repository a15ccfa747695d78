// @ts-check
// The dashboard's views by address, each with the section of the header it belongs to.
import { buildPage } from './pages/build.js';
import { executionPage } from './pages/execution.js';
import { pipelinePage } from './pages/pipeline.js';
import { pipelinesPage } from './pages/pipelines.js';
import { registryPage } from './pages/registry.js';
import { repositoryPage } from './pages/repository.js';
import { stackPage } from './pages/stack.js';
import { stacksPage } from './pages/stacks.js';

/** @typedef {(params: string[], app: import('./main.js').App) => import('./main.js').View} Page */

/** @type {[RegExp, string, Page][]} */
export const ROUTES = [
  [/^\/$/, 'pipelines', pipelinesPage],
  [/^\/pipelines\/([^/]+)$/, 'pipelines', pipelinePage],
  [/^\/executions\/([^/]+)$/, 'pipelines', executionPage],
  [/^\/builds\/([^/]+)$/, 'pipelines', buildPage],
  [/^\/registry$/, 'registry', registryPage],
  [/^\/registry\/([^/]+)$/, 'registry', repositoryPage],
  [/^\/stacks$/, 'stacks', stacksPage],
  [/^\/stacks\/([^/]+)$/, 'stacks', stackPage],
];
