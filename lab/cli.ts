import { defaultPolicy } from '../src/contract/policy';
import { labDirectory } from '../server/seed';
import { fastPolicy, startLab } from './index';

/**
 * `npm run lab [-- --fast] [-- --data-dir DIR]`: start the local call center and keep it running.
 * LAB_SERVER_PORT and LAB_CALLER_PORT pin the ports (the start script uses them).
 */
const args = process.argv.slice(2);
const dataDirIndex = args.indexOf('--data-dir');
const lab = await startLab({
  ...(args.includes('--fast') ? { policy: fastPolicy } : {}),
  ...(dataDirIndex >= 0 && args[dataDirIndex + 1] ? { dataDir: args[dataDirIndex + 1] } : {}),
  ...(process.env.LAB_SERVER_PORT ? { serverPort: Number(process.env.LAB_SERVER_PORT) } : {}),
  ...(process.env.LAB_CALLER_PORT ? { callerPort: Number(process.env.LAB_CALLER_PORT) } : {}),
});

console.log('SeatDesk lab is running (Ctrl+C stops it):');
console.log(`  Kamailio (SIP over WebSocket)  ${lab.kamailio.wsUrl}  (UDP ${lab.kamailio.udpPort}, domain ${lab.kamailio.domain})`);
console.log(`  central server                 ${lab.server.url}`);
console.log(`  supervisor board               ${lab.server.url}/board/  (supervisor 9001 / pw9001)`);
console.log(`  caller simulator               ${lab.callers.callerUrl('13812345678')}`);
console.log('  agents 1001-1010, passwords pw1001-pw1010; supervisor 9001 / pw9001');
console.log(`  departments ${labDirectory.map((entry) => `${entry.extension} ${entry.department}`).join(', ')}; survey IVR ${defaultPolicy.surveyExtension}`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await lab.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
