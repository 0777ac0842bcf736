/**
 * The window's deliveries of decided notifications (`notifications:decided`): the alert strip, the browser
 * notification and the sound, as renderer/lib/deliveries.ts decides per notice. The browser's Notification
 * and the sound are injected ports, so the rules are tested without a browser. Permission is only ever asked
 * for from a button (requestPermission), never on load.
 */
import type { DecidedNotice, FocusTarget, NomadTrayApi } from '../../common/ipc-contract.js';
import { noticeTarget, pageDelivery, type PageDelivery, type PagePrefs } from '../lib/deliveries.js';

/** The browser's side: Notification API, a beep, and where the sound choice is kept. */
export interface AlertPorts {
  permission(): NotificationPermission | 'unsupported';
  requestPermission(): Promise<NotificationPermission | 'unsupported'>;
  /** Shows a browser notification; false when the browser refused. `onclick` focuses the page. */
  show(notice: DecidedNotice, onclick: () => void): boolean;
  beep(): boolean;
  loadSound(): boolean;
  saveSound(on: boolean): void;
}

export interface AlertEntry {
  notice: DecidedNotice;
  delivery: PageDelivery;
  /** What actually happened to the browser notification and the sound. */
  shown: boolean;
  played: boolean;
}

const KEEP = 20;

export class AlertsState {
  #ports: AlertPorts;
  #mode: () => PagePrefs['mode'];
  /** Newest first. */
  entries = $state.raw<AlertEntry[]>([]);
  /**
   * Read from the browser when first needed, not at start: the first reads of the permission and of local
   * storage are synchronous round trips to the browser process (tens of ms on a busy machine) that would
   * otherwise delay the first screen. null: not read yet.
   */
  #permission = $state<NotificationPermission | 'unsupported' | null>(null);
  #sound = $state<boolean | null>(null);
  /** The delivery of the last test notification (Settings shows it). */
  lastTest = $state.raw<AlertEntry | null>(null);

  constructor(ports: AlertPorts, mode: () => PagePrefs['mode']) {
    this.#ports = ports;
    this.#mode = mode;
  }

  get permission(): NotificationPermission | 'unsupported' {
    return this.#permission ?? this.#ports.permission();
  }
  get sound(): boolean {
    return this.#sound ?? this.#ports.loadSound();
  }

  /**
   * Follows decided notifications; `focus` shows the notice's cluster, and its member or client node, when a
   * browser notification is clicked (a notice about no cluster only brings the page forward).
   */
  start(api: NomadTrayApi, focus: (target: FocusTarget) => void): () => void {
    return api.on('notifications:decided', (notice) => this.deliver(notice, focus));
  }

  deliver(notice: DecidedNotice, focus: (target: FocusTarget) => void = () => undefined): void {
    const permission = (this.#permission = this.#ports.permission());
    const sound = (this.#sound ??= this.#ports.loadSound());
    const delivery = pageDelivery(notice, { mode: this.#mode(), permission, sound });
    const entry: AlertEntry = {
      notice,
      delivery,
      shown:
        delivery.browserNotification &&
        this.#ports.show(notice, () => {
          const target = noticeTarget(notice);
          if (target !== null) focus(target);
        }),
      played: delivery.sound && this.#ports.beep(),
    };
    this.entries = [entry, ...this.entries].slice(0, KEEP);
    if (notice.test) this.lastTest = entry;
  }

  dismiss(id: string): void {
    this.entries = this.entries.filter((e) => e.notice.id !== id);
  }

  clear(): void {
    this.entries = [];
  }

  /** Asks the browser for notification permission (from a button: browsers require a user gesture). */
  async requestPermission(): Promise<void> {
    this.#permission = await this.#ports.requestPermission();
  }

  setSound(on: boolean): void {
    this.#sound = on;
    this.#ports.saveSound(on);
    if (on) this.#ports.beep(); // a click is a user gesture: the audio context may start now
  }
}
