// Rootless networking (BERTH_TEST_PRIVILEGED): slirp4netns gives a container eth0 10.0.2.100 and
// outbound access, and the shim's PortForwarder publishes its ports on 127.0.0.1. Everything runs
// inside network namespaces this test creates — berth under `nsenter --net`, so slirp4netns's
// "outside" is the test's namespace — and they are deleted at the end.
#include "network/port_forwarder.h"
#include "network/slirp4netns.h"
#include "support/unique_fd.h"
#include "test_env.h"
#include "userns_runner.h"
#include "verify_ok.h"

#include <QProcess>
#include <QtTest>

#include <arpa/inet.h>
#include <csignal>
#include <dirent.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sched.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <functional>
#include <random>
#include <thread>

using namespace berth;
using namespace berth::test;
namespace fs = std::filesystem;

namespace {

// Runs fn in a thread that joined the network namespace at nsPath (namespaces are per thread);
// sockets it creates stay in that namespace.
bool inNamespace(const QString& nsPath, const std::function<void()>& fn) {
    bool joined = false;
    std::thread t([&] {
        UniqueFd ns(::open(nsPath.toLocal8Bit().constData(), O_RDONLY | O_CLOEXEC));
        if (!ns.isValid() || ::setns(ns.get(), CLONE_NEWNET) != 0) return;
        joined = true;
        fn();
    });
    t.join();
    return joined;
}

sockaddr_in loopback(std::uint16_t port) {
    sockaddr_in sa{};
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    sa.sin_port = htons(port);
    return sa;
}

// A socket created in the namespace at nsPath, bound to 127.0.0.1:port when port > 0.
UniqueFd socketIn(const QString& nsPath, int type, std::uint16_t port = 0) {
    UniqueFd fd;
    inNamespace(nsPath, [&] { fd.reset(::socket(AF_INET, type | SOCK_CLOEXEC, 0)); });
    if (!fd.isValid()) return fd;
    timeval tv{5, 0};
    ::setsockopt(fd.get(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setsockopt(fd.get(), SOL_SOCKET, SO_SNDTIMEO, &tv,
                 sizeof tv); // a stalled relay fails the test, not hangs it
    int one = 1;
    ::setsockopt(fd.get(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in sa = loopback(port);
    if (port > 0 && ::bind(fd.get(), reinterpret_cast<sockaddr*>(&sa), sizeof sa) != 0) fd.reset();
    if (fd.isValid() && port > 0 && type == SOCK_STREAM) ::listen(fd.get(), 8);
    return fd;
}

bool connectTo(int fd, std::uint16_t port) {
    sockaddr_in sa = loopback(port);
    return ::connect(fd, reinterpret_cast<sockaddr*>(&sa), sizeof sa) == 0;
}

std::string readAll(int fd) {
    std::string out;
    char buf[65536];
    for (ssize_t n; (n = ::recv(fd, buf, sizeof buf, 0)) > 0;)
        out.append(buf, static_cast<std::size_t>(n));
    return out;
}

void chownTree(const fs::path& dir, uid_t uid) {
    (void)::lchown(dir.c_str(), uid, uid);
    for (auto& e : fs::recursive_directory_iterator(dir))
        (void)::lchown(e.path().c_str(), uid, uid);
}

int countFds() {
    int n = 0;
    for (auto& e : fs::directory_iterator("/proc/self/fd"))
        (void)e, ++n;
    return n;
}

ino_t inode(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 ? st.st_ino : 0;
}

} // namespace

class TestNetworkSlirp4netns : public QObject {
    Q_OBJECT

    std::unique_ptr<TempDir> m_root;
    QString m_netns;
    QStringList m_extraNetns;
    std::uint16_t m_port = 0; // a base for the host ports this test publishes

    QString nsPath(const QString& ns) const { return "/run/netns/" + ns; }
    CommandResult inNs(const QString& program, const QStringList& args, int timeoutMs = 60000) {
        return run("nsenter", QStringList{"--net=" + nsPath(m_netns), program} + args, timeoutMs);
    }
    CommandResult berth(const QStringList& args, int timeoutMs = 60000) {
        return inNs(berthBinary(),
                    QStringList{"--root", QString::fromStdString(m_root->path().string())} + args, timeoutMs);
    }
    QString fetch(int port) {
        return inNs("timeout",
                    {"5", "busybox", "wget", "-q", "-O-", QStringLiteral("http://127.0.0.1:%1/").arg(port)})
            .out;
    }
    QString newNetns(const QString& suffix) {
        QString name = m_netns + suffix;
        if (run("ip", {"netns", "add", name}).exitCode != 0) return {};
        m_extraNetns << name;
        run("ip", {"-n", name, "link", "set", "lo", "up"});
        return name;
    }
    // slirp4netns processes whose outside is the test's namespace.
    int slirpProcesses() {
        const ino_t ours = inode(nsPath(m_netns).toStdString());
        int n = 0;
        for (auto& e : fs::directory_iterator("/proc")) {
            std::string pid = e.path().filename().string();
            if (pid.find_first_not_of("0123456789") != std::string::npos) continue;
            std::string comm = readText(e.path() / "comm");
            if (comm.rfind("slirp4netns", 0) == 0 && inode((e.path() / "ns" / "net").string()) == ours) ++n;
        }
        return n;
    }
    QString listening(std::uint16_t port) {
        QString out = inNs("ss", {"-Hltnu"}).out;
        return out.contains(QStringLiteral(":%1 ").arg(port)) ? out : QString();
    }
    int shimPidOf(const QString& container) {
        int pid = berth({"inspect", "-f", "{{.State.Pid}}", container}).out.trimmed().toInt();
        if (pid <= 0) return 0;
        std::string status = readText("/proc/" + std::to_string(pid) + "/status");
        auto at = status.find("PPid:");
        return at == std::string::npos ? 0 : std::atoi(status.c_str() + at + 5);
    }

private slots:
    void initTestCase() {
        if (!isRoot()) QSKIP("needs root: network namespaces");
        for (const char* tool : {"ip", "nsenter", "busybox", "timeout", "ss", "slirp4netns"})
            if (!haveTool(QString::fromLatin1(tool)))
                QSKIP(qPrintable(QStringLiteral("needs ") + QString::fromLatin1(tool)));
        std::random_device rd;
        m_netns = QStringLiteral("berth-t-slirp-%1").arg(rd() % 1000000);
        m_port = static_cast<std::uint16_t>(20000 + rd() % 20000);
        QCOMPARE(run("ip", {"netns", "add", m_netns}).exitCode, 0);
        QCOMPARE(inNs("ip", {"link", "set", "lo", "up"}).exitCode, 0);
        // The namespace's own non-loopback address, which containers reach through slirp.
        // (a veth pair with both ends here: the dummy module may be missing)
        QCOMPARE(inNs("ip", {"link", "add", "bt-dummy", "type", "veth", "peer", "name", "bt-peer"}).exitCode,
                 0);
        QCOMPARE(inNs("ip", {"link", "set", "bt-peer", "up"}).exitCode, 0);
        QCOMPARE(inNs("ip", {"addr", "add", "192.0.2.10/24", "dev", "bt-dummy"}).exitCode, 0);
        QCOMPARE(inNs("ip", {"link", "set", "bt-dummy", "up"}).exitCode, 0);
        m_root = std::make_unique<TempDir>();
        auto load =
            berth({"load", "-i", QString::fromStdString((demoDir() / "berth-demo-web.tar").string())});
        QVERIFY2(load.exitCode == 0, qPrintable(load.err));
    }

    void commandLineAndResolvConf() {
        network::Slirp4netnsOptions o;
        auto args = network::slirp4netnsArguments("/usr/bin/slirp4netns", 42, 3, 4, o);
        QStringList got;
        for (auto& a : args)
            got << QString::fromStdString(a);
        QCOMPARE(got.join(' '),
                 QStringLiteral("/usr/bin/slirp4netns --configure --mtu=65520 --ready-fd=3 --exit-fd=4 "
                                "--disable-host-loopback --enable-sandbox --enable-seccomp 42 eth0"));
        o.allowHostLoopback = true;
        o.sandbox = false;
        QVERIFY(!QString::fromStdString(network::slirp4netnsArguments("s", 1, 3, 4, o)[5])
                     .startsWith("--disable"));
        QVERIFY(network::sandboxUsable("/etc/resolv.conf"));
        QVERIFY(network::sandboxUsable("/run/systemd/resolve/stub-resolv.conf"));
        QVERIFY(!network::sandboxUsable("/var/run/../lib/resolv.conf"));
        std::string host = "# generated\nnameserver 127.0.0.53\nsearch example.org\noptions edns0\n";
        QCOMPARE(network::slirpResolvConf(host, {}),
                 std::string("nameserver 10.0.2.3\nsearch example.org\noptions edns0\n"));
        QCOMPARE(network::slirpResolvConf("", {"9.9.9.9", "1.1.1.1"}),
                 std::string("nameserver 9.9.9.9\nnameserver 1.1.1.1\n"));
    }

    // The forwarder on its own: host side in the test's namespace, "container" in a second one.
    void forwarderRelaysTcpAndUdp() {
        QString ctr = newNetns("-c");
        QVERIFY(!ctr.isEmpty());
        UniqueFd server = socketIn(nsPath(ctr), SOCK_STREAM, 7000),
                 udpServer = socketIn(nsPath(ctr), SOCK_DGRAM, 7001);
        QVERIFY(server.isValid() && udpServer.isValid());
        UniqueFd ctrNs(::open(nsPath(ctr).toLocal8Bit().constData(), O_RDONLY | O_CLOEXEC));
        const int fdsBefore = countFds();
        {
            std::vector<network::PortMapping> ports(3);
            ports[0].containerPort = 7000;
            ports[1].containerPort = 7001;
            ports[1].proto = network::Protocol::Udp;
            ports[2].containerPort = 7002; // nothing listens there
            Result<std::unique_ptr<network::PortForwarder>> fwd = std::unexpected(Error{});
            QVERIFY(inNamespace(nsPath(m_netns),
                                [&] { fwd = network::PortForwarder::open(ctrNs.get(), ports); }));
            VERIFY_OK(fwd);
            VERIFY_OK((*fwd)->start());
            const auto& bound = (*fwd)->ports();
            QVERIFY(bound[0].hostPort > 0 && bound[1].hostPort > 0);

            // 4 MiB one way, a half-close, and an answer the other way.
            UniqueFd client = socketIn(nsPath(m_netns), SOCK_STREAM);
            QVERIFY(connectTo(client.get(), bound[0].hostPort));
            std::string payload(4u << 20, '\0');
            for (std::size_t i = 0; i < payload.size(); ++i)
                payload[i] = static_cast<char>(i * 7 + i / 4096);
            std::thread writer([&] {
                for (std::size_t at = 0; at < payload.size();) {
                    ssize_t n = ::send(client.get(), payload.data() + at, payload.size() - at, MSG_NOSIGNAL);
                    if (n <= 0) break;
                    at += static_cast<std::size_t>(n);
                }
                ::shutdown(client.get(), SHUT_WR);
            });
            UniqueFd accepted(::accept4(server.get(), nullptr, nullptr, SOCK_CLOEXEC));
            timeval tv{5, 0};
            ::setsockopt(accepted.get(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
            std::string received = readAll(accepted.get());
            writer.join();
            QCOMPARE(received.size(), payload.size());
            QVERIFY(received == payload);
            QCOMPARE(::send(accepted.get(), "done", 4, MSG_NOSIGNAL), ssize_t(4));
            accepted.reset();
            QCOMPARE(readAll(client.get()), std::string("done"));

            // Nothing listening in the container: the client's connection is closed, not left hanging.
            UniqueFd refused = socketIn(nsPath(m_netns), SOCK_STREAM);
            QVERIFY(connectTo(refused.get(), bound[2].hostPort));
            char c;
            errno = 0;
            QVERIFY(::recv(refused.get(), &c, 1, 0) <= 0 && errno != EAGAIN);

            // UDP: the datagram arrives from 127.0.0.1 and the answer goes back to the client.
            UniqueFd udpClient = socketIn(nsPath(m_netns), SOCK_DGRAM);
            sockaddr_in to = loopback(bound[1].hostPort);
            QCOMPARE(::sendto(udpClient.get(), "ping", 4, 0, reinterpret_cast<sockaddr*>(&to), sizeof to),
                     ssize_t(4));
            char buf[16];
            sockaddr_in from{};
            socklen_t len = sizeof from;
            QCOMPARE(
                ::recvfrom(udpServer.get(), buf, sizeof buf, 0, reinterpret_cast<sockaddr*>(&from), &len),
                ssize_t(4));
            QCOMPARE(ntohl(from.sin_addr.s_addr), std::uint32_t(INADDR_LOOPBACK));
            QCOMPARE(::sendto(udpServer.get(), "pong", 4, 0, reinterpret_cast<sockaddr*>(&from), len),
                     ssize_t(4));
            QCOMPARE(::recv(udpClient.get(), buf, sizeof buf, 0), ssize_t(4));
            QCOMPARE(std::string(buf, 4), std::string("pong"));

            // A port already in use is refused, naming the address.
            std::vector<network::PortMapping> again(1);
            again[0].hostPort = bound[0].hostPort;
            again[0].containerPort = 7000;
            Result<std::unique_ptr<network::PortForwarder>> second = std::unexpected(Error{});
            QVERIFY(inNamespace(nsPath(m_netns),
                                [&] { second = network::PortForwarder::open(ctrNs.get(), again); }));
            QVERIFY(!second);
            QCOMPARE(second.error().code, ErrorCode::AlreadyExists);
            QCOMPARE(QString::fromStdString(second.error().message),
                     QStringLiteral("bind for 127.0.0.1:%1 failed: port is already allocated")
                         .arg(bound[0].hostPort));
        }
        QCOMPARE(countFds(), fdsBefore); // the forwarder closed everything it opened
    }

    void containerHasEth0AndReachesOut() {
        // A web server on the namespace's own address, reached through slirp's outbound NAT.
        fs::path www = m_root->path() / "www";
        fs::create_directories(www);
        writeText(www / "hello.txt", "hello from outside\n");
        const int port = m_port + 1;
        QProcess httpd;
        httpd.start("nsenter",
                    {"--net=" + nsPath(m_netns), "busybox", "httpd", "-f", "-p",
                     QStringLiteral("192.0.2.10:%1").arg(port), "-h", QString::fromStdString(www.string())});
        QVERIFY(httpd.waitForStarted());
        // And one on the namespace's 127.0.0.1, which --disable-host-loopback keeps out of reach.
        QProcess loopHttpd;
        loopHttpd.start("nsenter", {"--net=" + nsPath(m_netns), "busybox", "httpd", "-f", "-p",
                                    QStringLiteral("127.0.0.1:%1").arg(port + 1), "-h",
                                    QString::fromStdString(www.string())});
        QVERIFY(loopHttpd.waitForStarted());
        QTest::qWait(300);
        const QString script =
            QStringLiteral("ip -4 -o addr show eth0; ip route; cat /etc/resolv.conf; "
                           "timeout 5 wget -q -O- http://192.0.2.10:%1/hello.txt; "
                           "timeout 5 wget -q -O- http://10.0.2.2:%2/hello.txt || echo loopback-refused")
                .arg(port)
                .arg(port + 1);
        auto r = berth({"run", "--rm", "--network", "slirp4netns", "berth-demo/web", "sh", "-c", script});
        httpd.kill();
        loopHttpd.kill();
        httpd.waitForFinished();
        loopHttpd.waitForFinished();
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains("eth0    inet 10.0.2.100/24"), qPrintable(r.out));
        QVERIFY2(r.out.contains("default via 10.0.2.2 dev eth0"), qPrintable(r.out));
        QVERIFY2(r.out.contains("nameserver 10.0.2.3"), qPrintable(r.out));
        QVERIFY2(r.out.count("hello from outside") == 1, qPrintable(r.out));
        QVERIFY2(r.out.contains("loopback-refused"), qPrintable(r.out));
        QCOMPARE(slirpProcesses(), 0);
    }

    void publishedPortServesHttp() {
        const int port = m_port + 10;
        auto r = berth({"run", "-d", "--network", "slirp4netns", "-p",
                        QStringLiteral("127.0.0.1:%1:80").arg(port), "--name", "web1", "berth-demo/web"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QTRY_VERIFY_WITH_TIMEOUT(fetch(port).contains("Hello from a Berth container"), 10000);
        QCOMPARE(berth({"port", "web1"}).out.trimmed(), QStringLiteral("80/tcp -> 127.0.0.1:%1").arg(port));
        QCOMPARE(berth({"inspect", "-f", "{{.NetworkSettings.IPAddress}}", "web1"}).out.trimmed(),
                 QStringLiteral("10.0.2.100"));
        QCOMPARE(slirpProcesses(), 1);
        // Fifty requests through the forwarder leave the shim with the fds it had.
        const int shim = shimPidOf("web1");
        QVERIFY(shim > 0);
        auto shimFds = [&] {
            int n = 0;
            for (auto& e : fs::directory_iterator("/proc/" + std::to_string(shim) + "/fd"))
                (void)e, ++n;
            return n;
        };
        const int before = shimFds();
        for (int i = 0; i < 50; ++i)
            QVERIFY(fetch(port).contains("Berth"));
        QTRY_COMPARE_WITH_TIMEOUT(shimFds(), before, 10000);
        // Stopping takes slirp4netns and the listener with it.
        QCOMPARE(berth({"stop", "-t", "1", "web1"}).exitCode, 0);
        QTRY_COMPARE_WITH_TIMEOUT(slirpProcesses(), 0, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(listening(static_cast<std::uint16_t>(port)).isEmpty(), 10000);
        QCOMPARE(berth({"start", "web1"}).exitCode, 0); // and a restart brings both back
        QTRY_VERIFY_WITH_TIMEOUT(fetch(port).contains("Hello from a Berth container"), 10000);
        QCOMPARE(berth({"rm", "-f", "web1"}).exitCode, 0);
        QTRY_COMPARE_WITH_TIMEOUT(slirpProcesses(), 0, 10000);
    }

    // A taken port: at create (the engine's check), and at start (the forwarder's) — either way
    // nothing runs half-way and nothing is left behind.
    void usedPortFailsCleanly() {
        const std::uint16_t port = m_port + 20;
        UniqueFd taken = socketIn(nsPath(m_netns), SOCK_STREAM, port);
        QVERIFY(taken.isValid());
        auto r = berth({"run", "-d", "--network", "slirp4netns", "-p",
                        QStringLiteral("127.0.0.1:%1:80").arg(port), "--name", "web2", "berth-demo/web"});
        QCOMPARE(r.exitCode, 125);
        QVERIFY2(r.err.contains("port is already allocated"), qPrintable(r.err));
        QVERIFY(!berth({"ps", "-a"}).out.contains("web2"));
        taken.reset();
        auto c = berth({"create", "--network", "slirp4netns", "-p",
                        QStringLiteral("127.0.0.1:%1:80").arg(port), "--name", "web3", "berth-demo/web"});
        QVERIFY2(c.exitCode == 0, qPrintable(c.err));
        taken = socketIn(nsPath(m_netns), SOCK_STREAM, port);
        QVERIFY(taken.isValid());
        auto s = berth({"start", "web3"});
        QVERIFY(s.exitCode != 0);
        QVERIFY2(s.err.contains(
                     QStringLiteral("bind for 127.0.0.1:%1 failed: port is already allocated").arg(port)),
                 qPrintable(s.err));
        QVERIFY(!berth({"ps"}).out.contains("web3"));
        QCOMPARE(slirpProcesses(), 0);
        QCOMPARE(berth({"rm", "-f", "web3"}).exitCode, 0);
    }

    // A shim that dies (SIGKILL: no cleanup of its own) takes slirp4netns with it through the exit fd.
    void slirpDiesWithItsShim() {
        auto r = berth({"run", "-d", "--network", "slirp4netns", "--name", "orphan", "berth-demo/web"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(slirpProcesses(), 1);
        const int shim = shimPidOf("orphan");
        QVERIFY(shim > 0);
        QVERIFY(readText("/proc/" + std::to_string(shim) + "/comm").rfind("berth-shim", 0) == 0);
        QCOMPARE(::kill(shim, SIGKILL), 0);
        QTRY_COMPARE_WITH_TIMEOUT(slirpProcesses(), 0, 10000);
        QCOMPARE(berth({"rm", "-f", "orphan"}).exitCode, 0);
    }

    // 50 start/remove cycles with a published port leave no slirp4netns, no listener and no shim.
    void cyclesLeaveNothing() {
        const std::uint16_t port = m_port + 30;
        for (int i = 0; i < 50; ++i) {
            auto r = berth({"run", "--rm", "--network", "slirp4netns", "-p",
                            QStringLiteral("127.0.0.1:%1:80").arg(port), "berth-demo/web", "true"});
            QVERIFY2(r.exitCode == 0, qPrintable(QStringLiteral("cycle %1: ").arg(i) + r.err));
        }
        QTRY_COMPARE_WITH_TIMEOUT(slirpProcesses(), 0, 10000);
        QTRY_VERIFY2_WITH_TIMEOUT(listening(port).isEmpty(), qPrintable(listening(port)), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(berth({"ps", "-aq"}).out.trimmed().isEmpty(),
                                 10000); // --rm finishes in the shim
    }

    // Rootless as Berth runs it: berth, its shim and slirp4netns as root of a user namespace whose
    // ids are ordinary host ids. The default bridge becomes slirp4netns there.
    void rootlessContainerGetsANetwork() {
        UserNamespaceRunner ns(4100000);
        if (!ns.error().isEmpty()) QSKIP(qPrintable("no user namespace: " + ns.error()));
        TempDir store, dev;
        chownTree(store.path(), ns.hostUid());
        auto load =
            ns.runBerth(store.path(),
                        {"load", "-i", QString::fromStdString((demoDir() / "berth-demo-web.tar").string())});
        if (load.exitCode != 0) QSKIP(qPrintable("rootless image loading does not work yet: " + load.err));
        // The host's holder of the namespace, to enter it from a shell below.
        int holder = 0;
        const ino_t ownUserns = inode("/proc/self/ns/user");
        for (auto& e : fs::directory_iterator("/proc")) {
            std::string status = readText(e.path() / "status");
            auto at = status.find("PPid:");
            if (at != std::string::npos && std::atoi(status.c_str() + at + 5) == ::getpid() &&
                inode((e.path() / "ns" / "user").string()) != ownUserns)
                holder = std::atoi(e.path().filename().c_str());
        }
        QVERIFY(holder > 0);
        const fs::path tun = dev.path() / "tun";
        QCOMPARE(::mknod(tun.c_str(), S_IFCHR | 0666, makedev(10, 200)), 0);
        ::chmod(tun.c_str(), 0666);
        // berth in the test's namespace and the user namespace; with `bindTun` /dev/net/tun is a
        // 0666 node in a private mount namespace (udev's mode; this machine's is 0600).
        auto rootless = [&](bool bindTun, const QStringList& args) {
            QString cmd = bindTun
                              ? "mount --bind " + QString::fromStdString(tun.string()) + " /dev/net/tun && "
                              : QString();
            cmd += QStringLiteral("exec nsenter --user=/proc/%1/ns/user --setuid=0 --setgid=0 ").arg(holder) +
                   berthBinary() + " --root " + QString::fromStdString(store.path().string());
            for (auto& a : args)
                cmd += " '" + a + "'";
            return inNs("unshare", {"--mount", "--propagation", "private", "sh", "-c", cmd});
        };
        struct stat st {};
        if (::stat("/dev/net/tun", &st) == 0 && (st.st_mode & 0006) != 0006) {
            auto r = rootless(false, {"run", "--rm", "--network", "slirp4netns", "berth-demo/web", "true"});
            QVERIFY(r.exitCode != 0);
            QVERIFY2(r.err.contains("/dev/net/tun") && r.err.contains("0666"), qPrintable(r.err));
        }
        const int port = m_port + 40;
        auto web = rootless(true, {"run", "-d", "--network", "bridge", "-p",
                                   QStringLiteral("%1:80").arg(port), "--name", "rlweb", "berth-demo/web"});
        QVERIFY2(web.exitCode == 0, qPrintable(web.err));
        QTRY_VERIFY_WITH_TIMEOUT(fetch(port).contains("Hello from a Berth container"), 10000);
        auto mode = rootless(
            true, {"inspect", "-f", "{{.HostConfig.NetworkMode}} {{.NetworkSettings.IPAddress}}", "rlweb"});
        QVERIFY2(mode.out.trimmed() == "slirp4netns 10.0.2.100", qPrintable(mode.out + mode.err));
        auto addr = rootless(true, {"exec", "rlweb", "ip", "-4", "-o", "addr", "show", "eth0"});
        QVERIFY2(addr.out.contains("10.0.2.100/24"), qPrintable(addr.out + addr.err));
        QCOMPARE(rootless(true, {"rm", "-f", "rlweb"}).exitCode, 0);
        QTRY_COMPARE_WITH_TIMEOUT(slirpProcesses(), 0, 10000);
        std::error_code ec;
        const fs::path runtimeDir = "/tmp/berth-run-" + std::to_string(ns.hostUid());
        if (::lstat(runtimeDir.c_str(), &st) == 0 && st.st_uid == ns.hostUid())
            fs::remove_all(runtimeDir, ec);
    }

    void cleanupTestCase() {
        if (m_root && !m_netns.isEmpty()) {
            auto all = berth({"ps", "-aq"});
            for (auto& id : all.out.split('\n', Qt::SkipEmptyParts))
                berth({"rm", "-f", id});
        }
        for (auto& ns : m_extraNetns)
            run("ip", {"netns", "delete", ns});
        if (!m_netns.isEmpty()) run("ip", {"netns", "delete", m_netns});
    }
};

QTEST_GUILESS_MAIN(TestNetworkSlirp4netns)
#include "tst_network_slirp4netns.moc"
