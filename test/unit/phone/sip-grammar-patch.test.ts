import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Grammar } from 'sip.js';
import { describe, expect, it } from 'vitest';

// patches/sip.js+0.21.2.patch (applied by patch-package after every install): SIP.js's generated
// grammar decodes its bytecode table once instead of for every header it parses.
describe('the SIP.js grammar patch', () => {
  it('is applied to the SIP.js the desk loads', () => {
    const sipJsRoot = dirname(createRequire(import.meta.url).resolve('sip.js/package.json'));
    const grammar = readFileSync(join(sipJsRoot, 'lib/grammar/pegjs/dist/grammar.js'), 'utf8');
    expect(grammar).toContain('peg$bytecode = peg$bytecodeOnce || (peg$bytecodeOnce = [');
  });

  it('parses every header the same with the table decoded once', () => {
    const from = '"客户 13912345678" <sip:13912345678@seatdesk.lab>;tag=ugjii1s691';
    const first = Grammar.parse(from, 'From');
    // A second rule in between: the shared table serves every start rule.
    expect(Grammar.parse('SIP/2.0/WS 127.0.0.1:39863;branch=z9hG4bK0544', 'Via')).not.toBe(-1);
    const again = Grammar.parse(from, 'From');
    expect(again).toEqual(first);
    expect(first).toMatchObject({ displayName: '客户 13912345678' });
    expect(Grammar.parse('not a header at all <', 'From')).toBe(-1);
  });
});
