// A card status worker that reports (its pid as the detail) and then never exits, like one
// holding a native call to a card that never answers.
process.once('message', () => {
  process.send?.({ kind: 'report', report: { serviceAvailable: true, detail: String(process.pid), readers: [] } });
  setInterval(() => process.send?.({ kind: 'alive' }), 100);
});
