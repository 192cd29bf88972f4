import { afterEach, describe, expect, it, vi } from "vitest";
import { onUpdateReady, registerServiceWorker, resetUpdateState } from "./sw-register";

class FakeWorker extends EventTarget {
  state: ServiceWorkerState = "installing";
  readonly messages: unknown[] = [];
  postMessage(message: unknown) {
    this.messages.push(message);
  }
  install() {
    this.state = "installed";
    this.dispatchEvent(new Event("statechange"));
  }
}

class FakeRegistration extends EventTarget {
  waiting: FakeWorker | null = null;
  installing: FakeWorker | null = null;
  update = vi.fn(() => Promise.resolve());
}

class FakeContainer extends EventTarget {
  controller: object | null;
  readonly registration = new FakeRegistration();
  readonly registered: Array<[string, RegistrationOptions | undefined]> = [];
  constructor(controlled: boolean) {
    super();
    this.controller = controlled ? {} : null;
  }
  register(url: string, options?: RegistrationOptions) {
    this.registered.push([url, options]);
    return Promise.resolve(this.registration);
  }
}

const asContainer = (fake: FakeContainer) => fake as unknown as ServiceWorkerContainer;

afterEach(() => resetUpdateState());

describe("registerServiceWorker", () => {
  it("registers /sw.js for the whole app", async () => {
    const container = new FakeContainer(false);
    await registerServiceWorker(asContainer(container));
    expect(container.registered).toEqual([["/sw.js", { scope: "/", updateViaCache: "none" }]]);
  });

  it("offers a waiting worker as an update, and reloads once it has taken over", async () => {
    const container = new FakeContainer(true);
    const waiting = new FakeWorker();
    waiting.state = "installed";
    container.registration.waiting = waiting;
    const reload = vi.fn();
    const offers: Array<() => void> = [];
    onUpdateReady((apply) => offers.push(apply));

    await registerServiceWorker(asContainer(container), reload);
    expect(offers).toHaveLength(1);
    expect(waiting.messages).toEqual([]);

    offers[0]?.();
    expect(waiting.messages).toEqual([{ type: "SKIP_WAITING" }]);
    expect(reload).not.toHaveBeenCalled();
    container.dispatchEvent(new Event("controllerchange"));
    expect(reload).toHaveBeenCalledOnce();
  });

  it("offers a worker that finishes installing while the page is controlled", async () => {
    const container = new FakeContainer(true);
    await registerServiceWorker(asContainer(container), vi.fn());
    const worker = new FakeWorker();
    container.registration.installing = worker;
    container.registration.dispatchEvent(new Event("updatefound"));
    const late = vi.fn();
    worker.install();
    onUpdateReady(late); // a listener that subscribes later still hears it
    expect(late).toHaveBeenCalledOnce();
  });

  it("offers a worker that was already installing when the page registered", async () => {
    const container = new FakeContainer(true);
    const worker = new FakeWorker();
    container.registration.installing = worker; // its updatefound came before the page listened
    const offer = vi.fn();
    onUpdateReady(offer);
    await registerServiceWorker(asContainer(container), vi.fn());
    worker.install();
    expect(offer).toHaveBeenCalledOnce();
  });

  it("does not offer or reload for the very first worker", async () => {
    const container = new FakeContainer(false);
    const reload = vi.fn();
    const offer = vi.fn();
    onUpdateReady(offer);
    await registerServiceWorker(asContainer(container), reload);
    const worker = new FakeWorker();
    container.registration.installing = worker;
    container.registration.dispatchEvent(new Event("updatefound"));
    worker.install();
    container.dispatchEvent(new Event("controllerchange")); // clients.claim()
    expect(offer).not.toHaveBeenCalled();
    expect(reload).not.toHaveBeenCalled();
  });
});
