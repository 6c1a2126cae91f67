/** The judge of `npm run prove-offline`, on lines as strace -f -ff -yy writes them. */
import { describe, expect, it } from 'vitest';
import { describeJudgement, judge, parseTrace } from './network-trace';

const UNIX = [
  'socketpair(AF_UNIX, SOCK_SEQPACKET|SOCK_CLOEXEC, 0, [5<UNIX-SEQPACKET:[1]>, 6<UNIX-SEQPACKET:[2]>]) = 0',
  'connect(7<UNIX-STREAM:[3]>, {sa_family=AF_UNIX, sun_path="/run/dbus/system_bus_socket"}, 110) = -1 ENOENT (No such file or directory)',
  'sendmsg(5<UNIX-SEQPACKET:[1->2]>, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base="x", iov_len=1}], msg_iovlen=1, msg_controllen=0, msg_flags=0}, MSG_NOSIGNAL) = 1',
];
const NETLINK = [
  'socket(AF_NETLINK, SOCK_RAW|SOCK_CLOEXEC, NETLINK_ROUTE) = 18<NETLINK:[4]>',
  'bind(18<NETLINK:[4]>, {sa_family=AF_NETLINK, nl_pid=0, nl_groups=00000000}, 12) = 0',
  'sendto(18<NETLINK:[ROUTE:9]>, [{nlmsg_len=20, nlmsg_type=RTM_GETLINK}], 20, 0, {sa_family=AF_NETLINK, nl_pid=0, nl_groups=00000000}, 12) = 20',
];
const DETACHED = 'sendto(114, 0xa44023cee10, 64, MSG_NOSIGNAL, NULL, 0 <detached ...>';

const judged = (...lines: string[]) => judge(parseTrace(lines.join('\n'), 'trace.1'));

describe('network trace judge', () => {
  it('allows Unix and netlink sockets and counts them by family', () => {
    const judgement = judged(...UNIX, ...NETLINK);
    expect(judgement.violations).toEqual([]);
    expect(judgement.counts.get('AF_UNIX')?.get('connect')).toBe(1);
    expect(judgement.counts.get('AF_NETLINK')?.get('sendto')).toBe(1);
    expect(judgement.unixPaths).toEqual(['/run/dbus/system_bus_socket']);
  });

  it.each([
    [
      'a DNS query',
      'connect(22<UDP:[0.0.0.0:28378]>, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("10.255.255.53")}, 16) = -1 ENETUNREACH (Network is unreachable)',
    ],
    [
      'an IPv6 probe that sends nothing',
      'connect(18<UDPv6:[479892]>, {sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "2001:4860:4860::8888", &sin6_addr), sin6_scope_id=0}, 28 <unfinished ...>',
    ],
    [
      'loopback TCP',
      'connect(9<TCP:[5]>, {sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr("127.0.0.1")}, 16) = 0',
    ],
    [
      'a send on a connected TCP socket',
      'sendto(9<TCP:[127.0.0.1:40000->127.0.0.1:8080]>, "GET /", 5, MSG_NOSIGNAL, NULL, 0) = 5',
    ],
    [
      'an Internet socket opened and never used',
      'socket(AF_INET6, SOCK_DGRAM, IPPROTO_IP) = 18<UDPv6:[479892]>',
    ],
    [
      'a socket of a family the judge does not know',
      'socket(AF_VSOCK, SOCK_STREAM, 0) = 3<socket:[6]>',
    ],
  ])('fails %s', (_what, line) => {
    const judgement = judged(...UNIX, line);
    expect(judgement.violations.map((v) => v.text)).toEqual([line]);
    expect(describeJudgement(judgement)).toMatch(/Violations \(.*\): 1\n/);
  });

  it('lets a call strace could not label pass only while no Internet socket was ever opened', () => {
    expect(judged(...UNIX, DETACHED)).toMatchObject({
      violations: [],
      unattributed: [expect.objectContaining({ text: DETACHED })],
    });
    const withInet = judged(
      ...UNIX,
      'socket(AF_INET, SOCK_DGRAM, IPPROTO_IP) = 22<UDP:[7]>',
      DETACHED,
    );
    expect(withInet.violations.map((v) => v.text)).toContain(DETACHED);
  });

  it('lets a socket call on a descriptor that is no socket pass (it fails ENOTSOCK)', () => {
    const line =
      'accept4(0</dev/null<char 1:3>>, 0x15c00088610, 0x40, 0x4000 /* SOCK_??? */ <unfinished ...>';
    expect(judged(...UNIX, line).violations).toEqual([]);
    expect(
      judged(...UNIX, 'accept4(3<socket:[9]>, NULL, NULL, 0) = -1 EAGAIN').violations,
    ).toHaveLength(1);
  });

  it('reads the pid-prefixed lines of strace -f as well', () => {
    const [call] = parseTrace(
      '4242 connect(3<TCP:[1]>, {sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr("1.2.3.4")}, 16) = -1',
      'trace',
    );
    expect(call).toMatchObject({ syscall: 'connect', family: 'AF_INET' });
  });
});
