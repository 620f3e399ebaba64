import { describe, expect, it } from 'vitest';
import { readerStatus } from './reader-status.ts';

describe('the demo card reader says what it is doing', () => {
  it('explains that a held card cannot be taken on a motorised reader, but can be pulled from a desk reader', () => {
    expect(readerStatus({ mechanics: 'motorised', card: 'inside', accepting: false })).toMatch(
      /holds the card .* "take the card" does nothing/,
    );
    expect(readerStatus({ mechanics: 'xfs4iot', card: 'inside', accepting: false })).toMatch(/"take the card" does nothing/);
    expect(readerStatus({ mechanics: 'desk', card: 'inside', accepting: false })).toMatch(/pulling it out now ends the session/);
  });

  it('explains why inserting does nothing while the slot is closed', () => {
    expect(readerStatus({ mechanics: 'motorised', card: 'none', accepting: false })).toMatch(/slot is closed/);
    expect(readerStatus({ mechanics: 'motorised', card: 'none', accepting: true })).toMatch(/slot is open/);
  });

  it('says a card at the slot is to be taken, and a jammed one is for staff', () => {
    expect(readerStatus({ mechanics: 'motorised', card: 'at-slot', accepting: false })).toMatch(/take it/);
    expect(readerStatus({ mechanics: 'xfs4iot', card: 'jammed', accepting: false })).toMatch(/staff free it/);
  });
});
