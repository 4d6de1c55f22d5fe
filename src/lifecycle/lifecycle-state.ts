/**
 * Where the process is in its life: serving (`running`), taken out of rotation but still
 * serving (`draining`: readiness answers 503 so that the Service stops routing here), or
 * closing (the listener is closed; requests still arriving on kept-alive connections get 503).
 * Plain TypeScript, no Nest imports: the HTTP hooks and the graceful-shutdown sequence share it.
 */
export type LifecyclePhase = 'running' | 'draining' | 'closing';

/** The process's lifecycle phase; one instance per application. */
export class LifecycleState {
  private current: LifecyclePhase = 'running';
  private reason: string | null = null;

  get phase(): LifecyclePhase {
    return this.current;
  }

  /** Why the process is shutting down (the signal), or `null` while running. */
  get shutdownReason(): string | null {
    return this.reason;
  }

  /** Whether the load balancer should route new requests here (readiness). */
  get acceptingTraffic(): boolean {
    return this.current === 'running';
  }

  /** Readiness turns false; requests are still served. Idempotent; never goes back. */
  beginDrain(reason: string): void {
    if (this.current !== 'running') return;
    this.current = 'draining';
    this.reason = reason;
  }

  /** The listener is about to close; new requests on open connections are refused. */
  beginClose(reason: string): void {
    if (this.current === 'closing') return;
    this.reason ??= reason;
    this.current = 'closing';
  }
}
