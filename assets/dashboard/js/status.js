// @ts-check
// Statuses as the console colours them: blue while something runs, green when it succeeded, red
// when it failed, grey when it was stopped, superseded or never ran. Each badge also carries a
// sign and its word, so the colour is never the only cue (WCAG 1.4.1).
import { h } from './dom.js';

/** @typedef {'progress' | 'success' | 'failure' | 'neutral'} Tone */

/** The tone of any status slipway reports (CodePipeline's, CodeBuild's, CloudFormation's). @param {string | undefined} status @returns {Tone} */
export function toneOf(status) {
  if (!status) return 'neutral';
  const word = status.toUpperCase();
  if (word === 'INPROGRESS' || word === 'IN_PROGRESS' || word === 'STOPPING' || word.endsWith('_IN_PROGRESS')) return word.includes('ROLLBACK') ? 'failure' : 'progress';
  if (word === 'SUCCEEDED' || word === 'CREATE_COMPLETE' || word === 'UPDATE_COMPLETE' || word === 'IMPORT_COMPLETE' || word === 'APPROVED') return 'success';
  if (word === 'FAILED' || word === 'FAULT' || word === 'TIMED_OUT' || word === 'REJECTED' || word.endsWith('_FAILED') || word.includes('ROLLBACK')) return 'failure';
  return 'neutral';
}

const SIGNS = { progress: '◔', success: '✓', failure: '✕', neutral: '–' };

/** A status badge; `Didn't run` when there is no status. @param {string | undefined} status */
export function badge(status) {
  const tone = toneOf(status);
  return h('span', { class: `badge tone-${tone}`, 'data-status': status ?? 'none' }, h('span', { 'aria-hidden': 'true', class: 'sign' }, SIGNS[tone]), ` ${words(status)}`);
}

/** A status in words: `InProgress` → `In progress`, `CREATE_COMPLETE` → `Create complete`. @param {string | undefined} status */
export function words(status) {
  if (!status) return "Didn't run";
  const spaced = status.includes('_') ? status.toLowerCase().replaceAll('_', ' ') : status.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}
