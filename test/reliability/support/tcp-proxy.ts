import { createConnection, createServer, Server, Socket } from 'node:net';

/**
 * A TCP proxy the test controls, between the service and PostgreSQL: `cut()` drops every open
 * connection and refuses new ones (as a stopped database server does), `restore()` forwards again.
 */
export class TcpProxy {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private refusing = false;
  private silent = false;
  private readonly held = new Set<Socket>();
  /** Connections accepted since the start (forwarded or refused). */
  connections = 0;

  private constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {
    this.server = createServer((client) => this.accept(client));
  }

  /** Listen on a free loopback port in front of `host:port`. */
  static async start(host: string, port: number): Promise<TcpProxy> {
    const proxy = new TcpProxy(host, port);
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get port(): number {
    const address = this.server.address();
    return typeof address === 'object' && address ? address.port : 0;
  }

  private accept(client: Socket): void {
    this.connections++;
    if (this.refusing) {
      client.destroy();
      return;
    }
    if (this.silent) {
      // Accept and never answer (a network partition: packets vanish, nothing is reset).
      this.held.add(client);
      client.on('error', () => undefined);
      return;
    }
    const upstream = createConnection({ host: this.targetHost, port: this.targetPort });
    this.sockets.add(client);
    this.sockets.add(upstream);
    const close = () => {
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
    client.pipe(upstream);
    upstream.pipe(client);
    this.pairs.add([client, upstream]);
  }

  private readonly pairs = new Set<[Socket, Socket]>();

  /** A network partition: open connections stop carrying data and new ones are never answered; nothing is reset. */
  partition(): void {
    this.silent = true;
    for (const [client, upstream] of this.pairs) {
      client.unpipe(upstream);
      upstream.unpipe(client);
      client.pause();
      upstream.pause();
      this.held.add(client);
      this.held.add(upstream);
    }
    this.pairs.clear();
  }

  /** The database "stops": every open connection is reset, new ones are refused. */
  cut(): void {
    this.refusing = true;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    this.pairs.clear();
  }

  /** The database is back (connections held by a partition are dropped, as TCP would eventually). */
  restore(): void {
    this.refusing = false;
    this.silent = false;
    for (const socket of this.held) socket.destroy();
    this.held.clear();
  }

  async close(): Promise<void> {
    this.restore();
    this.cut();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
