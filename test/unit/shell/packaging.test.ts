import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { describe, expect, it } from 'vitest';
import { RINGTONE_FILES, renderRingtone } from '../../../assets/ringtone/render-ringtones';
import { deskStateSchema } from '../../../src/contract/desk';
import { defaultPolicy } from '../../../src/contract/policy';
import { repoRoot } from '../../support/desk-fixture';

/**
 * What `npm run package` needs, checked without the Electron binary (which cannot be downloaded
 * here): electron-builder's own loader and schema accept the configuration, the fuses are set,
 * and every file it points at is there in the sizes the targets want.
 */
const config = await getConfig(repoRoot, join(repoRoot, 'electron-builder.yml'), null);
const assets = join(repoRoot, config.directories!.buildResources!);

/** Width and height from a PNG's IHDR. */
function pngSize(path: string): [number, number] {
  const png = readFileSync(path);
  expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

describe('the Electron package', () => {
  it('has a configuration electron-builder accepts, with the hardening fuses', async () => {
    await expect(validateConfiguration(config, { isEnabled: false } as never)).resolves.toBeUndefined();
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    });
  });

  it('has the app icon in the sizes of the Linux, Windows and macOS targets', () => {
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512]) {
      expect(pngSize(join(assets, config.linux!.icon!, `${size}x${size}.png`))).toEqual([size, size]);
    }
    const ico = readFileSync(join(assets, config.win!.icon!));
    // ICONDIR: reserved 0, type 1 (icon), then the count; one entry of width 0 means 256 px.
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const icoWidths = Array.from({ length: ico.readUInt16LE(4) }, (_, entry) => ico[6 + entry * 16]);
    expect(icoWidths).toContain(0);
    const icns = readFileSync(join(assets, config.mac!.icon!));
    expect(icns.subarray(0, 4).toString('ascii')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    // ic09 and ic10: 512 and 1024 px, what a Retina Dock and Finder use.
    expect(icns.includes('ic09')).toBe(true);
    expect(icns.includes('ic10')).toBe(true);
  });

  it('ships a tray image, 16 px and @2x, for every agent state', () => {
    expect(JSON.stringify(config.files)).toContain('assets/tray/*.png');
    const kebab = (state: string) => state.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
    for (const state of deskStateSchema.options) {
      expect(pngSize(join(assets, 'tray', `${kebab(state)}.png`))).toEqual([16, 16]);
      expect(pngSize(join(assets, 'tray', `${kebab(state)}@2x.png`))).toEqual([32, 32]);
    }
  });

  it('keeps the rendered ringtone files equal to what the renderer synthesises', () => {
    for (const [cue, file] of Object.entries(RINGTONE_FILES) as Array<[keyof typeof RINGTONE_FILES, string]>) {
      const path = join(assets, 'ringtone', file);
      expect(existsSync(path), `${file}: run npx tsx assets/ringtone/render-ringtones.ts`).toBe(true);
      expect(readFileSync(path).equals(renderRingtone(cue, defaultPolicy.ringToneMs)), `${file} is stale: run npx tsx assets/ringtone/render-ringtones.ts`).toBe(true);
    }
  });
});
