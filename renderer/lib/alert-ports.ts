/**
 * The browser's side of the page's alert deliveries: the Notification API, a short beep (Web Audio, no sound
 * file), and the sound choice kept in this browser's local storage (a per-screen choice, not a setting).
 */
import type { AlertPorts } from '../state/alerts.svelte.js';

const SOUND_KEY = 'nomadTray.alertSound';

export function browserAlertPorts(win: Window & typeof globalThis): AlertPorts {
  const api = 'Notification' in win ? win.Notification : null;
  let audio: AudioContext | null = null;
  return {
    permission: () => (api ? api.permission : 'unsupported'),
    async requestPermission() {
      if (!api) return 'unsupported';
      try {
        return await api.requestPermission();
      } catch {
        return api.permission;
      }
    },
    show(notice, onclick) {
      if (!api || api.permission !== 'granted') return false;
      try {
        const shown = new api(notice.title, {
          body: notice.body,
          tag: notice.id,
          requireInteraction: notice.severity === 'critical',
        });
        shown.onclick = () => {
          win.focus();
          onclick();
          shown.close();
        };
        return true;
      } catch {
        return false;
      }
    },
    beep() {
      try {
        audio ??= new win.AudioContext();
        if (audio.state === 'suspended') void audio.resume();
        const tone = audio.createOscillator();
        const gain = audio.createGain();
        tone.frequency.value = 880;
        gain.gain.setValueAtTime(0.2, audio.currentTime);
        gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.4);
        tone.connect(gain).connect(audio.destination);
        tone.start();
        tone.stop(audio.currentTime + 0.4);
        return true;
      } catch {
        return false;
      }
    },
    loadSound() {
      try {
        return win.localStorage.getItem(SOUND_KEY) === 'on';
      } catch {
        return false;
      }
    },
    saveSound(on) {
      try {
        win.localStorage.setItem(SOUND_KEY, on ? 'on' : 'off');
      } catch {
        // storage unavailable: the choice lasts for this page only
      }
    },
  };
}
