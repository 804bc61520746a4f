import { describe, expect, it } from 'vitest';
import { LoginScreen } from '../../../renderer/features/login/LoginScreen';
import { partsByTestId, renderStatic, textOf } from './render-static';

/** The login screen says the server cannot be reached before the agent types, and only then. */
describe('LoginScreen', () => {
  it('warns that the central server does not answer when main found it so', () => {
    const html = renderStatic(<LoginScreen loggingIn={false} sessionEnd={null} serverReachable={false} />);
    const [warning] = partsByTestId(html, 'login-server-unreachable');
    expect(textOf(warning ?? '')).toBe('无法连接中心服务器：请检查网络，服务器应答后即可登录。');
    expect(warning).toContain('role="status"');
    expect(partsByTestId(html, 'login-submit')).toHaveLength(1);
  });

  it('says nothing of the server while it answers or has not been asked yet', () => {
    for (const serverReachable of [true, null]) {
      expect(partsByTestId(renderStatic(<LoginScreen loggingIn={false} sessionEnd={null} serverReachable={serverReachable} />), 'login-server-unreachable')).toEqual([]);
    }
  });

  it('says it in English too', () => {
    const html = renderStatic(<LoginScreen loggingIn={false} sessionEnd={null} serverReachable={false} />, { lng: 'en' });
    expect(textOf(partsByTestId(html, 'login-server-unreachable')[0] ?? '')).toContain('The central server cannot be reached');
  });
});
