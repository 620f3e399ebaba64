// A card status worker that answers with something that is not a report.
process.once('message', () => process.send?.({ kind: 'report', report: { readers: 'all fine' } }));
setInterval(() => undefined, 1000);
