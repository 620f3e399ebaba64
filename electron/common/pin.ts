// The 利用者証明用 PIN is 4 digits (native/jpki/CARD-PROTOCOL.md): the card, the kiosk core and
// the keypad on screen all count to this.
export const PIN_LENGTH = 4;
