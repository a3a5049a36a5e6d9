// Child process for the staging fault test: stages a new dataset of the given files in argv[2] and
// SIGKILLs itself right after switch step argv[3] (0: before the switch starts).
import { writeFile } from 'node:fs/promises';
import { openStaging } from '../../pipeline/export/staging.js';

const [outDir, stepText, ...names] = process.argv.slice(2);
const dieAt = Number(stepText);
const staging = await openStaging(outDir!, {
  onSwitchStep: (step) => {
    if (step === dieAt) process.kill(process.pid, 'SIGKILL');
  },
});
for (const name of names) await writeFile(staging.file(name), `new ${name}\n`, { flag: 'wx' });
if (dieAt === 0) process.kill(process.pid, 'SIGKILL');
await staging.commit();
