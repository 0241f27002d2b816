import * as Comlink from 'comlink';

/** A Worker look-alike over a MessageChannel, able to crash like a real one. */
export class FakeWorker extends EventTarget {
  terminated = false;
  #port: MessagePort;

  constructor(api: object) {
    super();
    const { port1, port2 } = new MessageChannel();
    Comlink.expose(api, port1);
    this.#port = port2;
    port2.addEventListener('message', (event) =>
      this.dispatchEvent(new MessageEvent('message', { data: (event as MessageEvent).data })),
    );
    port2.start();
  }

  postMessage(message: unknown, transfer: Transferable[] = []) {
    this.#port.postMessage(message, transfer);
  }

  terminate() {
    this.terminated = true;
    this.#port.close();
  }

  /** Dies without an error event: nothing it is sent is ever answered. */
  dieSilently() {
    this.#port.close();
  }

  crash(message: string) {
    this.dispatchEvent(Object.assign(new Event('error', { cancelable: true }), { message }));
  }
}
