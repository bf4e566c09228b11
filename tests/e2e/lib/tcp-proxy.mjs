// A TCP proxy on a loopback port that the tests can cut and restore, to play
// "the database went away" without stopping a database other tests share.
import net from 'node:net';

export class TcpProxy {
  constructor(targetHost, targetPort) {
    Object.assign(this, { targetHost, targetPort, port: 0, sockets: new Set(), server: null });
  }

  /** Listens (again, on the same port once one was chosen); resolves when ready. */
  async start() {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.targetPort, this.targetHost);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => { client.destroy(); upstream.destroy(); });
      }
      client.pipe(upstream);
      upstream.pipe(client);
    });
    await new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.port, '127.0.0.1', resolve);
    });
    this.port = this.server.address().port;
    return this;
  }

  /** Stops listening and cuts every open connection: new ones are refused. */
  async cut() {
    const closed = new Promise((resolve) => this.server.close(resolve));
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    await closed;
  }
}
