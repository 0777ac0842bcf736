import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { App, Session, WebContents } from 'electron';
import { glanceWindowOptions, mainWindowOptions } from '../../main/shell/window-options.js';
import { RENDERER_CSP, RENDERER_CSP_META, isSameOrigin } from '../../main/core/web/index.js';
import { isAllowedExternalUrl } from '../../common/external-url.js';
import { hardenAllWebContents, hardenSession, hardenWebContents } from '../../main/shell/security.js';
import type {
  NavigationEventLike,
  PermissionSessionLike,
  WebContentsCreatedSource,
  WebContentsLike,
} from '../../main/shell/security.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

// Compile-time proof that the real Electron objects fit the narrow ports (no casts needed in main.ts).
const _sessionFits = (s: Session): PermissionSessionLike => s;
const _contentsFit = (c: WebContents): WebContentsLike => c;
const _appFits = (a: App): WebContentsCreatedSource => a;

describe('mainWindowOptions', () => {
  it('uses exactly the hardened webPreferences and stays hidden until ready', () => {
    const opts = mainWindowOptions({ preloadPath: '/app/out/preload/index.cjs', dark: true });
    expect(opts.webPreferences).toStrictEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      preload: '/app/out/preload/index.cjs',
    });
    expect(opts.show).toBe(false);
  });

  it('paints a background matching the theme', () => {
    const dark = mainWindowOptions({ preloadPath: 'p', dark: true }).backgroundColor;
    const light = mainWindowOptions({ preloadPath: 'p', dark: false }).backgroundColor;
    expect(dark).not.toBe(light);
  });
});

describe('glanceWindowOptions', () => {
  it('is the tray pop-over size, off the taskbar, with the same hardened webPreferences, hidden until ready', () => {
    const input = { preloadPath: '/app/out/preload/index.cjs', dark: false };
    const opts = glanceWindowOptions(input);
    expect(opts.webPreferences).toStrictEqual(mainWindowOptions(input).webPreferences);
    expect(opts).toMatchObject({ width: 360, height: 480, skipTaskbar: true, resizable: false, show: false });
  });
});

describe('hardenSession', () => {
  it('denies every permission request and check', () => {
    let request: Parameters<PermissionSessionLike['setPermissionRequestHandler']>[0] | undefined;
    let check: Parameters<PermissionSessionLike['setPermissionCheckHandler']>[0] | undefined;
    hardenSession({
      setPermissionRequestHandler: (h) => (request = h),
      setPermissionCheckHandler: (h) => (check = h),
    });
    const answers: boolean[] = [];
    for (const permission of ['media', 'notifications', 'geolocation', 'openExternal', 'clipboard-read']) {
      request?.(null, permission, (granted) => answers.push(granted));
      answers.push(check?.(null, permission) ?? true);
    }
    expect(answers).toEqual(new Array(10).fill(false));
  });
});

function fakeContents() {
  const listeners = new Map<string, (event: NavigationEventLike, url: string) => void>();
  let openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
  const contents: WebContentsLike = {
    on: (event: string, listener: (event: NavigationEventLike, url: string) => void) =>
      listeners.set(event, listener),
    setWindowOpenHandler: (h) => (openHandler = h),
  };
  /** Fires an event; true when the handler prevented it. */
  const fire = (name: string, url: string, viaEventUrl = true): boolean => {
    let prevented = false;
    const event: NavigationEventLike = {
      preventDefault: () => (prevented = true),
      ...(viaEventUrl ? { url } : {}),
    };
    listeners.get(name)?.(event, url);
    return prevented;
  };
  return { contents, fire, open: (url: string) => openHandler?.({ url }), listeners };
}

describe('hardenWebContents', () => {
  const setup = () => {
    const opened: string[] = [];
    const f = fakeContents();
    hardenWebContents(f.contents, {
      appOrigin: 'app://renderer',
      openExternal: async (u) => void opened.push(u),
    });
    return { ...f, opened };
  };

  it.each([
    ['app://renderer/index.html#/members', false],
    ['app://renderer/settings', false],
    ['app://renderer.evil/index.html', true],
    ['app://evil/index.html', true],
    ['https://example.com/', true],
    ['file:///etc/passwd', true],
    ['javascript:alert(1)', true],
    ['not a url', true],
  ])('will-navigate and will-redirect to %s → prevented: %s', (url, prevented) => {
    const { fire } = setup();
    expect(fire('will-navigate', url)).toBe(prevented);
    expect(fire('will-redirect', url)).toBe(prevented);
    expect(fire('will-navigate', url, false)).toBe(prevented); // legacy url argument
  });

  it('denies every new window and forwards only validated https links to the OS browser', async () => {
    const { open, opened } = setup();
    for (const url of [
      'https://developer.hashicorp.com/nomad',
      'http://example.com',
      'https://u:p@example.com',
      'file:///x',
    ]) {
      expect(open(url)).toEqual({ action: 'deny' });
    }
    await Promise.resolve();
    expect(opened).toEqual(['https://developer.hashicorp.com/nomad']);
  });

  it('reports a failing openExternal instead of throwing', async () => {
    const f = fakeContents();
    const errors: string[] = [];
    hardenWebContents(f.contents, {
      appOrigin: 'app://renderer',
      openExternal: () => Promise.reject(new Error('no browser')),
      onError: (m) => errors.push(m),
    });
    f.open('https://example.com/');
    await expect.poll(() => errors).toEqual(['could not open https://example.com/: no browser']);
  });

  it('prevents attaching a <webview>', () => {
    const { fire } = setup();
    expect(fire('will-attach-webview', '')).toBe(true);
  });

  it('hardens every WebContents the app creates', () => {
    let created: ((event: unknown, contents: WebContentsLike) => void) | undefined;
    hardenAllWebContents(
      { on: (_e, l) => (created = l) },
      { appOrigin: 'app://renderer', openExternal: async () => {} },
    );
    const f = fakeContents();
    created?.({}, f.contents);
    expect([...f.listeners.keys()].sort()).toEqual(['will-attach-webview', 'will-navigate', 'will-redirect']);
    expect(f.fire('will-navigate', 'https://evil.example/')).toBe(true);
  });
});

describe('URL rules', () => {
  it.each([
    ['https://developer.hashicorp.com/nomad/docs', true],
    ['HTTPS://EXAMPLE.COM/', true],
    ['http://example.com/', false],
    ['https://user:pass@example.com/', false],
    ['https://user@example.com/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['mailto:a@b.c', false],
    ['https://', false],
    [`https://example.com/${'a'.repeat(2100)}`, false],
  ])('isAllowedExternalUrl(%s) → %s', (url, allowed) => {
    expect(isAllowedExternalUrl(url)).toBe(allowed);
  });

  it('compares origins by scheme, host and port, not by prefix', () => {
    expect(isSameOrigin('http://localhost:5173/x', 'http://localhost:5173')).toBe(true);
    expect(isSameOrigin('http://localhost:5174/x', 'http://localhost:5173')).toBe(false);
    expect(isSameOrigin('http://localhost:5173.evil.com/', 'http://localhost:5173')).toBe(false);
    expect(isSameOrigin('app://user@renderer/', 'app://renderer')).toBe(false);
  });
});

describe('CSP', () => {
  it('is the same policy as the <meta> in renderer/index.html, which leaves out frame-ancestors', () => {
    const html = readFileSync(path.join(ROOT, 'renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
    expect(meta?.[1]).toBe(RENDERER_CSP_META);
    // Ignored in a meta tag (with a console error on every load); it is sent as a header only.
    expect(meta?.[1]).not.toContain('frame-ancestors');
    expect(RENDERER_CSP).toBe(`${RENDERER_CSP_META}; frame-ancestors 'none'`);
    expect(RENDERER_CSP).toContain("default-src 'none'");
    expect(RENDERER_CSP).not.toContain('unsafe');
  });
});
