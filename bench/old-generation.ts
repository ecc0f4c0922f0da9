/**
 * About what reached V8's old generation while a benchmark ran, by the code that allocated it:
 * V8's sampling heap profiler, keeping the objects a full collection freed and leaving out those
 * a young collection freed (what is still alive, young or old, when sampling stops counts too).
 * Garbage that piles up between full collections (the memory a run adds to an instance while its
 * live heap stays flat) shows here, named; see the README, "What piles up is often V8's
 * pretenuring".
 */
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';

interface ProfileNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: ProfileNode[];
}

/** Bytes by allocating function, largest first. */
const byFunction = (head: ProfileNode): Array<[string, number]> => {
  const totals = new Map<string, number>();
  const visit = (node: ProfileNode) => {
    const { functionName, url, lineNumber } = node.callFrame;
    const where = `${functionName || '(anonymous)'} ${url.replace(/^.*\/node_modules\//, '')}:${lineNumber + 1}`;
    if (node.selfSize > 0) totals.set(where, (totals.get(where) ?? 0) + node.selfSize);
    node.children.forEach(visit);
  };
  visit(head);
  return [...totals].sort((a, b) => b[1] - a[1]);
};

/**
 * Starts sampling; the function it answers stops, writes the profile to `file` (Chrome DevTools
 * opens a `.heapprofile` in its Memory tab) and answers the ten largest allocating functions.
 */
export const sampleOldGeneration = async (file: string): Promise<() => Promise<string>> => {
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.enable');
  await session.post('HeapProfiler.startSampling', {
    samplingInterval: 8192,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: false,
  });
  return async () => {
    const { profile } = (await session.post('HeapProfiler.stopSampling')) as {
      profile: { head: ProfileNode };
    };
    session.disconnect();
    fs.writeFileSync(file, JSON.stringify(profile));
    const totals = byFunction(profile.head);
    const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;
    const all = totals.reduce((sum, [, bytes]) => sum + bytes, 0);
    return [
      `about ${mb(all)} reached the old generation (profile in ${file})`,
      ...totals.slice(0, 10).map(([where, bytes]) => `  ${mb(bytes).padStart(9)}  ${where}`),
    ].join('\n');
  };
};
