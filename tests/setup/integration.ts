// testTimeout is a global Jest option, so each project sets its own here.
jest.setTimeout(60_000);
