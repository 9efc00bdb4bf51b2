#!/usr/bin/env python3
"""TCP relays for the chaos run's network (deploy/netns.sh): each listens on one address and port of the bridge and
passes what it reads to one target, in both directions, in order. While the control file holds a number of
milliseconds, every piece read is passed on that much later (a slow link, each way); at 0 or without the file, at once.

    netns-relay.py CONTROL_FILE LISTEN_HOST:PORT=TARGET_HOST:PORT...
"""
import asyncio
import os
import sys
import time

delay = 0.0


async def watch(control):
    """Reads the delay from the control file whenever it changes (polled every 0.2 s)."""
    global delay
    seen = None
    while True:
        try:
            stamp = os.stat(control).st_mtime_ns
            if stamp != seen:
                seen = stamp
                with open(control) as f:
                    delay = max(0, int(f.read().strip() or "0")) / 1000
        except (FileNotFoundError, ValueError):
            seen, delay = None, 0.0
        await asyncio.sleep(0.2)


async def pipe(reader, writer):
    """One direction: each piece read is written when its time comes, in the order read; EOF is passed on."""
    queue = asyncio.Queue()

    async def send():
        while True:
            due, data = await queue.get()
            wait = due - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            if data is None:
                if writer.can_write_eof():
                    writer.write_eof()
                return
            writer.write(data)
            await writer.drain()

    sender = asyncio.create_task(send())
    try:
        while True:
            data = await reader.read(65536)
            queue.put_nowait((time.monotonic() + delay, data or None))
            if not data:
                break
        await sender
    except (OSError, asyncio.IncompleteReadError):
        sender.cancel()
        writer.transport.abort()
        raise


def handler(target_host, target_port):
    async def relay(client_reader, client_writer):
        try:
            server_reader, server_writer = await asyncio.open_connection(target_host, target_port)
        except OSError:
            client_writer.transport.abort()
            return
        results = await asyncio.gather(pipe(client_reader, server_writer), pipe(server_reader, client_writer),
                                       return_exceptions=True)
        for writer in (client_writer, server_writer):
            if any(isinstance(r, BaseException) for r in results):
                writer.transport.abort()
            else:
                writer.close()

    return relay


async def main(control, routes):
    servers = []
    for route in routes:
        listen, target = route.split("=")
        listen_host, listen_port = listen.rsplit(":", 1)
        target_host, target_port = target.rsplit(":", 1)
        servers.append(await asyncio.start_server(handler(target_host, int(target_port)), listen_host,
                                                  int(listen_port), reuse_address=True))
    print(f"relaying {len(servers)} links", flush=True)
    await watch(control)


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit("usage: netns-relay.py CONTROL_FILE LISTEN_HOST:PORT=TARGET_HOST:PORT...")
    asyncio.run(main(sys.argv[1], sys.argv[2:]))
