"""A file system whose reads never answer: the hung network mount a bundle may sit on.

python3 stalling-fuse.py MOUNTPOINT SIZE mounts, at MOUNTPOINT, a FUSE file system speaking
the kernel's protocol on /dev/fuse directly (no libfuse), holding two regular files of SIZE
bytes: `served.evbundle`, whose reads are answered (bytes i % 251), and `stalled.evbundle`,
whose reads are received and never answered, as a dead server's are. It prints "mounted" once
the kernel has finished the handshake and serves until SIGTERM or SIGINT, then detaches the
mount; closing /dev/fuse makes the kernel fail every unanswered read.
"""

import ctypes
import errno
import os
import signal
import stat
import struct
import sys

FUSE_LOOKUP, FUSE_FORGET, FUSE_GETATTR = 1, 2, 3
FUSE_OPEN, FUSE_READ, FUSE_RELEASE, FUSE_FLUSH = 14, 15, 18, 25
FUSE_INIT, FUSE_OPENDIR, FUSE_READDIR, FUSE_RELEASEDIR = 26, 27, 28, 29
FUSE_INTERRUPT, FUSE_DESTROY, FUSE_BATCH_FORGET = 36, 38, 42
FOPEN_DIRECT_IO = 1  # every read reaches the server: no page cache, no readahead

IN_HEADER = struct.Struct("<IIQQIIII")  # len, opcode, unique, nodeid, uid, gid, pid, pad
OUT_HEADER = struct.Struct("<IiQ")  # len, error, unique
ATTR = struct.Struct("<QQQQQQIIIIIIIIII")
ROOT = 1
FILES = {b"served.evbundle": 2, b"stalled.evbundle": 3}
STALLED = 3

mountpoint = sys.argv[1]
size = int(sys.argv[2])
libc = ctypes.CDLL(None, use_errno=True)


def attr(node):
    if node == ROOT:
        mode, length, links = stat.S_IFDIR | 0o755, 0, 2
    else:
        mode, length, links = stat.S_IFREG | 0o444, size, 1
    return ATTR.pack(node, length, (length + 511) // 512, 0, 0, 0, 0, 0, 0, mode, links, 0, 0, 0, 4096, 0)


def reply(fd, unique, body=b"", error=0):
    os.write(fd, OUT_HEADER.pack(OUT_HEADER.size + len(body), -error, unique) + body)


def served_bytes(offset, length):
    length = max(0, min(length, size - offset))
    return bytes((offset + i) % 251 for i in range(length))


def handle(fd, opcode, unique, node, body):
    if opcode == FUSE_INIT:
        major, minor, readahead = struct.unpack_from("<III", body)
        # major, minor, max_readahead, flags, max_background, congestion_threshold,
        # max_write, time_gran, max_pages, map_alignment, flags2, unused[7]
        reply(fd, unique, struct.pack("<IIIIHHIIHHI28x", 7, 31, readahead, 0, 16, 12, 65536, 1, 16, 0, 0))
        print("mounted", flush=True)
    elif opcode == FUSE_LOOKUP:
        name = body.split(b"\0", 1)[0]
        child = FILES.get(name) if node == ROOT else None
        if child is None:
            reply(fd, unique, error=errno.ENOENT)
        else:
            reply(fd, unique, struct.pack("<QQQQII", child, 0, 1, 1, 0, 0) + attr(child))
    elif opcode == FUSE_GETATTR:
        reply(fd, unique, struct.pack("<QII", 1, 0, 0) + attr(node))
    elif opcode in (FUSE_OPEN, FUSE_OPENDIR):
        reply(fd, unique, struct.pack("<QII", node, FOPEN_DIRECT_IO if opcode == FUSE_OPEN else 0, 0))
    elif opcode == FUSE_READ:
        if node == STALLED:
            return  # received, never answered
        _fh, offset, length = struct.unpack_from("<QQI", body)
        reply(fd, unique, served_bytes(offset, length))
    elif opcode == FUSE_READDIR:
        reply(fd, unique)  # an empty listing: the tests name the files
    elif opcode in (FUSE_RELEASE, FUSE_FLUSH, FUSE_RELEASEDIR):
        reply(fd, unique)
    elif opcode in (FUSE_FORGET, FUSE_BATCH_FORGET, FUSE_INTERRUPT):
        return  # these take no answer
    elif opcode == FUSE_DESTROY:
        reply(fd, unique)
        sys.exit(0)
    else:
        reply(fd, unique, error=errno.ENOSYS)


def unmount(*_):
    libc.umount2(mountpoint.encode(), 2)  # MNT_DETACH
    sys.exit(0)


def main():
    fd = os.open("/dev/fuse", os.O_RDWR)
    options = f"fd={fd},rootmode=40000,user_id={os.getuid()},group_id={os.getgid()}".encode()
    if libc.mount(b"desk-stalling", mountpoint.encode(), b"fuse.desk-stalling", 0x2 | 0x4, options) != 0:
        code = ctypes.get_errno()
        print(f"mount failed: {os.strerror(code)}", file=sys.stderr, flush=True)
        sys.exit(2)
    signal.signal(signal.SIGTERM, unmount)
    signal.signal(signal.SIGINT, unmount)
    while True:
        try:
            request = os.read(fd, 1 << 20 | 1 << 16)
        except OSError as error:
            if error.errno in (errno.EINTR, errno.ENOENT):
                continue  # an interrupted request the kernel withdrew
            if error.errno == errno.ENODEV:
                return  # unmounted
            raise
        _length, opcode, unique, node, _uid, _gid, _pid, _pad = IN_HEADER.unpack_from(request)
        handle(fd, opcode, unique, node, request[IN_HEADER.size :])


main()
