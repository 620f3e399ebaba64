// A card status worker whose main thread blocks for good after one sign of life, as one
// stuck in a synchronous call into the PC/SC library would.
process.send?.({ kind: 'alive' });
Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
