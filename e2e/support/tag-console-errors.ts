// Preloaded into the web server that e2e/support/own-server.ts starts: marks each console.error call in its
// output (warnings go to stderr too), so a test can count what the server logged as an error.
const original = console.error.bind(console);
console.error = (...args: unknown[]) => original("[console.error]", ...args);
