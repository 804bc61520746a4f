import { chmodSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Closes `dir` to everyone but this user: the folder and every folder in it 0700, every file in
 * them 0600. Run at every start, not only when the folder is made: a folder copied in, restored
 * from a backup or loosened by hand is closed again. Symbolic links are left alone (chmod would
 * follow them out of the folder).
 */
export function makePrivate(dir: string): void {
  chmodSync(dir, 0o700);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) makePrivate(path);
    else if (entry.isFile()) chmodSync(path, 0o600);
  }
}
