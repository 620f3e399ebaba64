// `npm start`: will run the kiosk on its embedded demo default (emulated card, reference
// gateway) in Electron, or in Chromium when the Electron binary is missing. Until the kiosk
// core, UI and shell land, it says what is there and what is not.
const BUILT = [
  'card layer: JPKI client, card service, emulator and test PKI (try `npm run emulator -- --vpcd` and `npm run card -- status`)',
];
const NOT_BUILT = ['kiosk core and session machine', 'touchscreen UI and browser host', 'Electron shell'];

process.stdout.write(
  [
    'マイナポータル income-information kiosk — not runnable yet.',
    `Built so far: ${BUILT.join(', ')}.`,
    `Not built yet: ${NOT_BUILT.join(', ')}.`,
    'Run "npm test" to check the toolchain and the PC/SC stack.',
    '',
  ].join('\n'),
);
