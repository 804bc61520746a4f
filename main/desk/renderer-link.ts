import { DESK_EVENTS, DESK_SERVICE, deskApiSchemas, type DeskApi, type DeskNotice, type DeskSnapshot } from '../../src/contract/desk';
import { MEDIA_SERVICE, type MediaEngine } from '../../src/contract/media';
import { RpcPeer, type Remote } from '../../src/rpc';

/** How long main waits for the renderer's media engine (ICE gathering is capped at ~1 s). */
const MEDIA_TIMEOUT_MS = 8_000;

/**
 * The desk's connection to whichever renderer window is attached now, over either carrier.
 * One renderer at a time: attaching a new one (a reload, a second window) detaches the old, so
 * media requests always reach the page that is showing the desk.
 */
export class RendererLink {
  private peer: RpcPeer | undefined;
  private media: Remote<MediaEngine> | undefined;

  constructor(private readonly desk: DeskApi) {}

  attach(peer: RpcPeer): void {
    const previous = this.peer;
    this.peer = peer;
    this.media = peer.remote<MediaEngine>(MEDIA_SERVICE, { timeoutMs: MEDIA_TIMEOUT_MS });
    peer.serve(DESK_SERVICE, this.desk, deskApiSchemas);
    peer.onClose(() => {
      if (this.peer !== peer) return;
      this.peer = undefined;
      this.media = undefined;
    });
    previous?.close();
  }

  /** The media engine of the attached renderer; throws when none is attached. */
  readonly mediaEngine = (): Remote<MediaEngine> => {
    if (!this.media) throw new Error('no desk window is open to carry the call audio');
    return this.media;
  };

  pushSnapshot(snapshot: DeskSnapshot): void {
    this.peer?.emit(DESK_EVENTS.snapshot, snapshot);
  }

  pushNotice(notice: DeskNotice): void {
    this.peer?.emit(DESK_EVENTS.notice, notice);
  }

  get attached(): boolean {
    return this.peer !== undefined;
  }
}
