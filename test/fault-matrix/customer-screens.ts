// The matrix's rows: every screen of the session machine that a customer can be on, read from
// the machine's own state nodes (their `screen:*` tags), so that a screen added to the machine
// cannot be left out of the matrix without the coverage test failing.
import { getStateNodes, type StateNode, type StateValue } from 'xstate';
import type { ViewModel } from '../../electron/common/view-model.ts';
import { sessionMachine } from '../../electron/node/session/session-machine.ts';
import type { ScreenTag } from '../../electron/node/session/session-types.ts';

/** Every screen tag a state of the session machine carries, in the order the machine declares them. */
export function screenTagsOfMachine(): ScreenTag[] {
  const tags: ScreenTag[] = [];
  const visit = (node: StateNode<never, never>): void => {
    for (const tag of node.tags) if (tag.startsWith('screen:') && !tags.includes(tag as ScreenTag)) tags.push(tag as ScreenTag);
    for (const child of Object.values(node.states)) visit(child);
  };
  visit(sessionMachine.root as unknown as StateNode<never, never>);
  return tags;
}

/** Screens no customer is on: between customers. Every other screen is a row of the matrix. */
export const NOT_A_CUSTOMER_STATE: Partial<Record<ScreenTag, string>> = {
  'screen:attract': 'the attract loop, between customers',
  'screen:out-of-service': 'nobody can be served',
};

/** Whether the view is the screen of this tag. */
export function shows(view: ViewModel, tag: ScreenTag): boolean {
  const [, screen, task] = tag.split(':');
  return view.screen === 'working' ? screen === 'working' && view.task === task : view.screen === screen;
}

/** A short name for a screen tag, for the table. */
export const rowName = (tag: ScreenTag): string => tag.replace(/^screen:(working:)?/, '');

/** The tags of a state of the session machine, by its value (as Kiosk.state gives it). */
export function tagsOfState(value: unknown): string[] {
  return [...new Set(getStateNodes(sessionMachine.root, value as StateValue).flatMap((node) => node.tags))];
}
