import { randomBytes, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decoyPasswordHash, hashPassword, verifyPassword } from '../../../server/passwords';

describe('agent password hashing', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('pw1001');
    expect(await verifyPassword('pw1001', stored)).toBe(true);
    expect(await verifyPassword('pw1002', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('stores a self-describing scrypt hash with its own salt, never the password', async () => {
    const first = await hashPassword('same password');
    const second = await hashPassword('same password');
    expect(first).toMatch(/^scrypt\$N=\d+,r=\d+,p=\d+\$[\w-]+\$[\w-]+$/);
    expect(first).not.toContain('same password');
    expect(first).not.toBe(second);
    expect(await verifyPassword('same password', second)).toBe(true);
  });

  it('verifies a hash made with other cost parameters, read from the stored string', async () => {
    const salt = randomBytes(16);
    const key = scryptSync('pw9001', salt, 32, { N: 1024, r: 8, p: 1 });
    const older = `scrypt$N=1024,r=8,p=1$${salt.toString('base64url')}$${key.toString('base64url')}`;
    expect(await verifyPassword('pw9001', older)).toBe(true);
    expect(await verifyPassword('pw9001', older.replace('N=1024', 'N=2048'))).toBe(false);
  });

  it('treats NFC and NFD spellings of a password as the same password', async () => {
    const stored = await hashPassword('caf\u00e9');
    expect(await verifyPassword('cafe\u0301', stored)).toBe(true);
  });

  it('never matches a malformed stored hash', async () => {
    for (const stored of ['', 'plain', 'scrypt$N=16384,r=8,p=1$abc', 'bcrypt$x$y$z', 'scrypt$N=x,r=8,p=1$abc$def']) {
      expect(await verifyPassword('anything', stored)).toBe(false);
    }
  });

  it('has a decoy hash that no guess matches', async () => {
    const decoy = await decoyPasswordHash();
    expect(await verifyPassword('', decoy)).toBe(false);
    expect(await verifyPassword('pw1001', decoy)).toBe(false);
    expect(await decoyPasswordHash()).toBe(decoy);
  });
});
