import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface InstanceProcess {
  child: ChildProcess;
  /** Graceful shutdown (Strapi's destroy: the worker finishes its batch). */
  stop(): Promise<void>;
  /** kill -9: no shutdown hooks run, claims are left behind. */
  kill(): Promise<void>;
  /** Runs the no-login reminder job in that instance, with its clock at `at`. */
  runReminders(at: string): Promise<{ status: string; reminded: number }>;
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });

/** Starts another Strapi instance of the app in a child process, sharing this test's database and SMTP server. */
export const startInstance = async (env: Record<string, string> = {}): Promise<InstanceProcess> => {
  const child = fork(path.join(__dirname, 'instance-process.js'), [], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('message', (message) =>
      message === 'ready' ? resolve() : reject(new Error(String(message)))
    );
    child.once('exit', (code) =>
      reject(new Error(`instance exited with ${code} before it was ready`))
    );
  });
  return {
    child,
    async stop() {
      child.send('stop');
      await exited(child);
    },
    async kill() {
      child.kill('SIGKILL');
      await exited(child);
    },
    runReminders(at: string) {
      return new Promise((resolve) => {
        const onMessage = (message: {
          cmd?: string;
          outcome?: { status: string; reminded: number };
        }) => {
          if (message?.cmd !== 'run-reminders') return;
          child.off('message', onMessage);
          resolve(message.outcome as { status: string; reminded: number });
        };
        child.on('message', onMessage);
        child.send({ cmd: 'run-reminders', at });
      });
    },
  };
};
