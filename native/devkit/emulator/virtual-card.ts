// What a reader attachment (in-process or vpcd) needs from an emulated card.

export interface VirtualCard {
  readonly atr: Uint8Array;
  /** Contacts powered: the card starts with no application selected. */
  powerOn(): void;
  powerOff(): void;
  /** Warm reset: like power-on, volatile state (selection, verified PIN) is lost. */
  reset(): void;
  /** Answers one C-APDU with an R-APDU (data + SW). Never throws for bad input. */
  transmit(command: Uint8Array): Promise<Uint8Array>;
}
