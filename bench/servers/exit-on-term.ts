// Loaded with --import beside --cpu-prof: a SIGTERM ends the process normally, so Node writes the profile.
process.on('SIGTERM', () => process.exit(0));
