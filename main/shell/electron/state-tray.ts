import { join } from 'node:path';
import { Tray, nativeImage } from 'electron';
import type { DeskState } from '../../../src/contract/desk';

/** The tray image of each state, in assets/tray (16 px, with @2x picked up by Electron). */
const trayImage: Record<DeskState, string> = {
  offline: 'offline.png',
  ready: 'ready.png',
  busy: 'busy.png',
  ringing: 'ringing.png',
  talking: 'talking.png',
  wrapUp: 'wrap-up.png',
};

const stateLabel: Record<DeskState, string> = {
  offline: '未登录 Offline',
  ready: '就绪 Ready',
  busy: '示忙 Busy',
  ringing: '振铃 Ringing',
  talking: '通话 Talking',
  wrapUp: '话后处理 Wrap-up',
};

/** The desk's state at a glance in the system tray; a click brings the window forward. */
export class StateTray {
  private readonly tray: Tray;
  private state: DeskState | null = null;

  constructor(
    private readonly imagesDir: string,
    onClick: () => void,
  ) {
    this.tray = new Tray(this.image('offline'));
    this.tray.on('click', onClick);
    this.show('offline');
  }

  show(state: DeskState): void {
    if (state === this.state) return;
    this.state = state;
    this.tray.setImage(this.image(state));
    this.tray.setToolTip(`SeatDesk 坐席桌面: ${stateLabel[state]}`);
  }

  private image(state: DeskState) {
    return nativeImage.createFromPath(join(this.imagesDir, trayImage[state]));
  }
}
