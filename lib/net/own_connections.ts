/**
 * The connections of ours to one server that are open now, and when the last of them closed.
 *
 * A server that serves one client at a time (Electrum Personal Server: `listen(1)` and a single
 * loop, reference §7.5) lets the kernel complete a second connection's TCP handshake but starts
 * its TLS handshake only once it is done with the first. A handshake that waits behind another
 * connection of ours is the server serving us, not a server too slow to answer; the dial reads
 * this record (`DialOptions.behind`) so that such waiting does not count against the handshake's
 * deadline.
 *
 * @module
 */
import type net from "node:net";

/**
 * Connections of ours to one server, by socket: open until the socket closes.
 *
 * @example
 * ```ts
 * const own = new OwnConnections();
 * own.add(socket); // a dial that succeeded
 * await own.idle(); // settles once it closed
 * own.freedAt; // performance.now() when it closed
 * ```
 */
export class OwnConnections {
  #open = new Set<net.Socket>();
  #freedAt = -Infinity;
  #waiters: (() => void)[] = [];

  /** Note a connection that is open now; forgotten when its socket closes. */
  add(socket: net.Socket): void {
    if (socket.destroyed || socket.closed) return;
    this.#open.add(socket);
    socket.once("close", () => {
      if (!this.#open.delete(socket)) return;
      this.#freedAt = performance.now();
      if (this.#open.size) return;
      for (const w of this.#waiters.splice(0)) w();
    });
  }

  /** How many are open now. */
  get open(): number {
    return this.#open.size;
  }

  /** When the last one closed (`performance.now()` ms); -Infinity if none has. */
  get freedAt(): number {
    return this.#freedAt;
  }

  /** Settles once none is open (at once when none is). */
  idle(): Promise<void> {
    if (!this.#open.size) return Promise.resolve();
    return new Promise<void>((resolve) => this.#waiters.push(resolve));
  }
}
