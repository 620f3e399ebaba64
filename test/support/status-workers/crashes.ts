// A card status worker that dies before reporting.
process.exit(3);
