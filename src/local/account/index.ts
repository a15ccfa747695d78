// The local account: one home's composition root, its settings, layout, addresses and events.
export { LocalAccount, openAccount } from './account.js';
export type { AccountOptions, Recovery } from './account.js';
export { accountLayout } from './layout.js';
export type { AccountLayout } from './layout.js';
export { SETTABLE } from './settings.js';
export type { AccountSettings } from './settings.js';
export { AccountEvents } from './events.js';
export type { AccountEvent, AccountEventListener, EventSource } from './events.js';
export * from './addresses.js';
export { recordRunningUp, readRunningUp, clearRunningUp } from './running-up.js';
export type { RunningUp } from './running-up.js';
